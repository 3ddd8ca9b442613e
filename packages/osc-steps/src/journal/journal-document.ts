import { z } from 'zod';

/** The kinds of temporary resources a build creates, and what its artifact is made of. */
export const journalResourceKinds = [
  'vm',
  'public-ip',
  'security-group',
  'keypair',
  'volume',
  'image',
  'snapshot',
] as const;

/** A kind of journaled resource. */
export type JournalResourceKind = (typeof journalResourceKinds)[number];

/**
 * Where a resource is in its life: `intended` (written before the create call; it may or may not exist),
 * `created` (the id is known), `deleted` (its cleanup succeeded), `kept` (part of the artifact: never deleted
 * by `osc-packer cleanup`).
 */
const journalEntryStates = ['intended', 'created', 'deleted', 'kept'] as const;

/** The state of a journal entry. */
export type JournalEntryState = (typeof journalEntryStates)[number];

const entrySchema = z.object({
  key: z.string(),
  kind: z.enum(journalResourceKinds),
  state: z.enum(journalEntryStates),
  id: z.string().optional(),
  name: z.string().optional(),
  clientToken: z.string().optional(),
  netId: z.string().optional(),
  parentId: z.string().optional(),
  recordedAt: z.string(),
});

/** One resource of a build: what identifies it before (name, client token) and after (id) its creation. */
export type JournalEntry = z.infer<typeof entrySchema>;

/**
 * Where a build's resources live and how its credentials were found. Never a secret: the cleanup command
 * resolves access again (environment, profile, or a template) and checks it reaches the same place.
 */
const journalTargetSchema = z.object({
  endpoint: z.string(),
  region: z.string(),
  accountId: z.string().optional(),
  credentialSource: z.string(),
  profile: z.string().optional(),
});

/** Endpoint, Region, account and credential source of a build. */
export type JournalTarget = z.infer<typeof journalTargetSchema>;

/** The version of the journal file format written by this package. */
export const journalFormatVersion = 1;

/**
 * One journal file (`<journal dir>/<run uuid>-<build name>.json`): the build's identity, the process that
 * runs it, where its resources live, and every resource it created or meant to create.
 */
export const journalDocumentSchema = z.object({
  version: z.literal(journalFormatVersion),
  buildId: z.string(),
  runUuid: z.string(),
  buildName: z.string(),
  builderType: z.string(),
  templatePath: z.string().optional(),
  pid: z.number().int(),
  hostname: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  status: z.enum(['running', 'ended']),
  target: journalTargetSchema,
  resources: z.array(entrySchema),
});

/** A parsed journal file. */
export type JournalDocument = z.infer<typeof journalDocumentSchema>;

/** Entries that may still exist in the cloud: neither deleted nor kept as part of the artifact. */
export function outstandingEntries(document: Pick<JournalDocument, 'resources'>): JournalEntry[] {
  return document.resources.filter((entry) => entry.state === 'intended' || entry.state === 'created');
}
