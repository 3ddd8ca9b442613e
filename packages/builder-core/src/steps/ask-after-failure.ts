import type { Ui } from '../ui/ui';

/** The user's answer under `-on-error=ask`. */
export type AskChoice = 'cleanup' | 'abort' | 'retry';

/** Packer's question, kept word for word so scripts that answer it keep working. */
export const askQuestion =
  '[c] Clean up and exit, [a] abort without cleanup, or [r] retry step (build may fail even if retry succeeds)?';

/**
 * Asks what to do after step `name` failed, until the answer is understood. An empty answer, a missing
 * terminal, or cancellation while asking all mean "clean up".
 */
export async function askAfterFailure(ui: Ui, name: string, signal: AbortSignal): Promise<AskChoice> {
  ui.say(`Step "${name}" failed`);
  for (;;) {
    let line: string;
    try {
      line = await ui.ask(askQuestion, signal);
    } catch {
      return 'cleanup';
    }
    const first = `${line.trim().toLowerCase()}c`[0];
    if (first === 'c') return 'cleanup';
    if (first === 'a') return 'abort';
    if (first === 'r') return 'retry';
    ui.say(`Incorrect input: ${JSON.stringify(line)}`);
  }
}
