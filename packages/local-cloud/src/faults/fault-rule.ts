import { z } from 'zod';

/** Resource kinds a fault can target: every operation acting on that kind matches. */
export const faultResourceKinds = [
  'vm',
  'image',
  'snapshot',
  'volume',
  'keypair',
  'securityGroup',
  'publicIp',
  'net',
  'subnet',
  'tag',
  'account',
  'region',
] as const;

export type FaultResourceKind = (typeof faultResourceKinds)[number];

const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

/**
 * One fault rule, as written in a faults file, given to `--fault`, or added through `faults.add`. A rule
 * matches a call by operation name (wildcards allowed: `Read*`, `*`), by resource kind, and/or by account.
 */
export const faultRuleSchema = z
  .object({
    operation: oneOrMany(z.string().min(1))
      .optional()
      .describe("Operation names to match; '*' and '?' are wildcards (e.g. 'Read*')."),
    resource: oneOrMany(z.enum(faultResourceKinds))
      .optional()
      .describe('Resource kinds to match: every operation acting on the kind (vm: CreateVms, ReadVms, ...).'),
    account: z.string().min(1).optional().describe('Account id or alias whose calls match (default: any).'),
    action: z
      .enum(['throttle', 'server-error', 'latency', 'reset', 'not-found-after-create', 'ssh-disconnect'])
      .describe('What to inject.'),
    scope: z
      .enum(['platform', 'account', 'call'])
      .default('call')
      .describe('throttle: 503 code 6 (platform), 429 code 24 (account) or 429 code 25 (call).'),
    status: z
      .union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)])
      .default(500)
      .describe('server-error: the HTTP status to answer with.'),
    ms: z
      .number()
      .int()
      .min(0)
      .default(1000)
      .describe(
        'latency: added delay; not-found-after-create: how long new resources stay invisible; ssh-disconnect: delay after the VM is running.',
      ),
    phase: z
      .enum(['before', 'after'])
      .default('before')
      .describe('reset: drop the connection before the call is handled, or after it was done (answer lost).'),
    times: z.number().int().min(1).optional().describe('Fire at most this many times (default: every match).'),
    skip: z.number().int().min(0).default(0).describe('Let this many matching calls through first.'),
    probability: z.number().min(0).max(1).default(1).describe('Chance that a matching call is hit.'),
  })
  .strict()
  .refine((rule) => rule.operation !== undefined || rule.resource !== undefined || !isCallFault(rule.action), {
    message: "a call fault needs 'operation' or 'resource' (use operation '*' for every call)",
  });

/** A fault rule as the user writes it (defaults not applied). */
export type FaultRuleInput = z.input<typeof faultRuleSchema>;
/** A validated fault rule with defaults applied. */
export type FaultRule = z.output<typeof faultRuleSchema>;

/** The faults file: `{ "faults": [rule, ...] }`. */
export const faultsFileSchema = z.object({ faults: z.array(faultRuleSchema) }).strict();

/** What a fault does. */
export type FaultAction =
  | 'throttle'
  | 'server-error'
  | 'latency'
  | 'reset'
  | 'not-found-after-create'
  | 'ssh-disconnect';

/** Faults that act on an API call (as opposed to resource visibility or SSH). */
export function isCallFault(action: FaultAction): boolean {
  return action === 'throttle' || action === 'server-error' || action === 'latency' || action === 'reset';
}
