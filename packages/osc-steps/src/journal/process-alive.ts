import { hostname as osHostname } from 'node:os';
import type { JournalDocument } from './journal-document';

/** True when a process with this id exists on this machine (EPERM: it exists but is someone else's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the build a journal belongs to may still be running: it has not ended and its process is alive on
 * this machine. A journal from another machine that has not ended counts as running (its process cannot be
 * checked from here) unless the caller decides otherwise.
 */
export function journalBuildRunning(document: JournalDocument, hostname: string = osHostname()): boolean {
  if (document.status === 'ended') return false;
  if (document.hostname !== hostname) return true;
  return processAlive(document.pid);
}
