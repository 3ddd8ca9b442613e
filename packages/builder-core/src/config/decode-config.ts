import { z } from 'zod';
import type { InterpolationContext } from '../interpolation/interpolation-context';
import { applyAliases } from './apply-aliases';
import { type ConfigBlock, type ConfigReporter, type ConfigSpec, composeConfig } from './config-block';
import type { ConfigIssue } from './config-issue';
import { interpolateConfig } from './interpolate-config';
import type { KeyPath } from './key-path';
import { annotationAt } from './schema-walk';
import { unknownKeyIssue, zodIssuesToConfigIssues } from './zod-issue-messages';

/** How to decode: the run's interpolation context, and extra aliases or deferred fields. */
export interface DecodeOptions {
  /** Renders templates in string values; without it, strings are taken as written. */
  interpolation?: InterpolationContext;
  /** Key path patterns rendered later (added to the blocks' own). */
  deferred?: readonly string[];
  /** Deprecated key patterns to their new names (added to the blocks' own). */
  aliases?: Readonly<Record<string, string>>;
}

/** The decoded configuration with warnings and the values of sensitive fields, or every problem at once. */
export type DecodeResult<T> =
  | { ok: true; value: T; warnings: string[]; secrets: string[] }
  | { ok: false; issues: ConfigIssue[]; warnings: string[] };

type Decodable<T> = ConfigSpec<T> | ConfigBlock<T> | (z.ZodType<T> & { readonly shape: z.core.$ZodShape });

function toSpec<T>(config: Decodable<T>): ConfigSpec<T> {
  if ('blocks' in config) return config;
  const block: ConfigBlock<T> = config instanceof z.ZodType ? { title: 'configuration', schema: config } : config;
  return composeConfig(block.title, block as ConfigBlock<unknown>) as unknown as ConfigSpec<T>;
}

// Packer tolerates `type` and `packer_*` keys (core passes its own settings that way) in every block.
const tolerated = (key: string) => key === 'type' || key.startsWith('packer_');

// An empty string where a number, boolean or duration is expected is an unset variable: drop the key, so the
// field's default applies (or "is required" is reported), as Packer's zero values behave.
function dropUnsetValues(value: unknown, schema: z.ZodType, path: KeyPath): unknown {
  if (Array.isArray(value)) return value.map((item, i) => dropUnsetValues(item, schema, [...path, i]));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const keyPath = [...path, key];
    if (typeof item === 'string' && item.trim() === '' && annotationAt(schema, keyPath).emptyIsUnset) continue;
    out[key] = dropUnsetValues(item, schema, keyPath);
  }
  return out;
}

function collectSecrets(value: unknown, schema: z.ZodType, path: KeyPath, secrets: Set<string>): void {
  if (typeof value === 'string') {
    if (value && annotationAt(schema, path).sensitive) secrets.add(value);
    return;
  }
  if (!value || typeof value !== 'object') return;
  const entries: [string | number, unknown][] = Array.isArray(value) ? [...value.entries()] : Object.entries(value);
  for (const [key, item] of entries) collectSecrets(item, schema, [...path, key], secrets);
}

/**
 * Decodes a raw configuration block (a builder's, provisioner's or post-processor's keys) as Packer does,
 * reporting every problem at once: renames deprecated keys (warning), renders templates except deferred
 * fields, applies each block's schema (weak typing comes from the field helpers), rejects unknown keys with
 * a suggestion, then runs each decoded block's cross-field check.
 */
export function decodeConfig<T>(config: Decodable<T>, raw: unknown, options: DecodeOptions = {}): DecodeResult<T> {
  const spec = toSpec(config);
  const issues: ConfigIssue[] = [];
  const warnings: string[] = [];
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: '', message: 'must be an object' }], warnings };
  }
  const reporter = { issue: (issue: ConfigIssue) => issues.push(issue), warn: (text: string) => warnings.push(text) };
  const entries = Object.entries(raw).filter(([key]) => !tolerated(key));
  let input = applyAliases(Object.fromEntries(entries), { ...spec.aliases, ...options.aliases }, reporter);
  if (options.interpolation) {
    const deferred = [...spec.deferred, ...(options.deferred ?? [])];
    const isSensitive = (path: KeyPath) => annotationAt(spec.schema, path).sensitive === true;
    input = interpolateConfig(input, options.interpolation, deferred, reporter.issue, isSensitive);
  }
  const record = dropUnsetValues(input, spec.schema, []) as Record<string, unknown>;
  const known = Object.keys(spec.schema.shape);
  for (const key of Object.keys(record)) if (!known.includes(key)) issues.push(unknownKeyIssue([key], known));
  const value: Record<string, unknown> = {};
  for (const block of spec.blocks) {
    const own = Object.fromEntries(
      Object.keys(block.schema.shape).flatMap((key) => (key in record ? [[key, record[key]]] : [])),
    );
    const parsed = block.schema.safeParse(own, { reportInput: true });
    if (!parsed.success) {
      issues.push(...zodIssuesToConfigIssues(parsed.error.issues, block.schema));
      continue;
    }
    Object.assign(value, parsed.data);
    block.check?.(parsed.data, blockReporter(issues, warnings));
  }
  if (issues.length > 0) return { ok: false, issues, warnings };
  const secrets = new Set<string>();
  collectSecrets(record, spec.schema, [], secrets);
  return { ok: true, value: value as T, warnings, secrets: [...secrets] };
}

function blockReporter(issues: ConfigIssue[], warnings: string[]): ConfigReporter {
  return { issue: (path, message) => issues.push({ path, message }), warn: (message) => warnings.push(message) };
}
