import {
  type AccessInput,
  type AccessWorld,
  CredentialsNotFoundError,
  type ResolvedAccess,
  resolveAccess,
} from '@osc-packer/osc-auth';
import type { AccessConfig } from '@osc-packer/osc-steps';
import { accessInput, readJournalFiles } from '@osc-packer/osc-steps';

/** Where `cleanup` looks, with what it resolved and how to say it. */
export interface CleanupAccess {
  readonly access: ResolvedAccess;
  /** Where this access came from (the environment, a template build, a journal's profile). */
  readonly origin: string;
}

function key(access: ResolvedAccess): string {
  return `${access.endpoint.href}|${access.region}|${access.credentials.accessKey}`;
}

/**
 * The accesses `osc-packer cleanup` tries, in order: each build of the template it was given (template
 * settings, then profile and environment, as the build resolved them), the environment and default profile
 * as a build without access settings would, and the profile each journal names. Duplicates are dropped.
 * Sources that have no credentials are skipped; a broken one (a half key pair, an unreadable profile) throws.
 */
export async function cleanupAccesses(
  templateAccess: readonly { name: string; settings: AccessConfig }[],
  journalDir: string,
  world: AccessWorld,
): Promise<CleanupAccess[]> {
  const candidates: { input: AccessInput; origin: string }[] = [
    ...templateAccess.map(({ name, settings }) => ({ input: accessInput(settings), origin: `build '${name}'` })),
    { input: {}, origin: 'the environment' },
  ];
  for (const journal of await readJournalFiles(journalDir)) {
    const profile = 'document' in journal ? journal.document.target.profile : undefined;
    if (profile) candidates.push({ input: { profile }, origin: `profile "${profile}" (named by ${journal.file})` });
  }
  const found = new Map<string, CleanupAccess>();
  for (const { input, origin } of candidates) {
    try {
      const access = await resolveAccess(input, world);
      if (!found.has(key(access))) found.set(key(access), { access, origin });
    } catch (error) {
      if (!CredentialsNotFoundError.isInstance(error)) throw error;
    }
  }
  return [...found.values()];
}
