import { type BsuBuildInput, createBsuBuilder } from '@osc-packer/builder-bsu';
import { builderTypeNames as chrootTypes } from '@osc-packer/builder-chroot';
import type { CoreBuilder, Logger } from '@osc-packer/builder-core';
import { builderTypeNames as surrogateTypes } from '@osc-packer/builder-surrogate';
import { builderTypeNames as volumeTypes } from '@osc-packer/builder-volume';
import type { AccessConfig } from '@osc-packer/osc-steps';
import type { BuilderRuntime } from './builder-runtime';

/** Builder types by the names templates use for them. */
export interface BuilderRegistry {
  /** The builder a template type names (`osc-bsu` or `outscale-bsu`), or undefined. */
  get(type: string): CoreBuilder | undefined;
  /** Every accepted type name, aliases included, sorted. */
  types(): string[];
  /** Type names osc-packer knows but cannot build yet, each with where it is tracked. */
  planned(type: string): string | undefined;
  /** The access settings (keys, Region, endpoint, profile) in a build's prepared config, for Outscale builders. */
  accessOf(type: string, config: unknown): AccessConfig | undefined;
}

/** A builder and the extra type names it answers to. */
export interface BuilderEntry {
  readonly builder: CoreBuilder;
  /** Names besides `builder.type`; by default its `osc-*`/`outscale-*` twin. */
  readonly aliases?: readonly string[];
  /** Where its prepared config keeps the access settings (`cleanup TEMPLATE`, `--local-cloud` checks). */
  readonly accessOf?: (config: unknown) => AccessConfig | undefined;
}

/** An entry for a builder whose prepared config keeps its access settings where `accessOf` says. */
export function builderEntry<C>(builder: CoreBuilder<C>, accessOf: (config: C) => AccessConfig): BuilderEntry {
  // The registry holds builders of any config type; each config only ever comes from its own builder's prepare.
  return { builder: builder as CoreBuilder, accessOf: (config) => accessOf(config as C) };
}

// Packer ≤1.7 named the Outscale builders `osc-*`; the plugin names them `outscale-*`. Templates use both.
function twinOf(type: string): string[] {
  if (type.startsWith('osc-')) return [`outscale-${type.slice(4)}`];
  if (type.startsWith('outscale-')) return [`osc-${type.slice(9)}`];
  return [];
}

/**
 * Makes a registry; a name claimed twice is a programming error (thrown). `planned` maps type names that are
 * not built yet to a note saying where they are tracked.
 */
export function createBuilderRegistry(
  entries: readonly (CoreBuilder | BuilderEntry)[],
  planned: Readonly<Record<string, string>> = {},
): BuilderRegistry {
  const byName = new Map<string, BuilderEntry>();
  for (const item of entries) {
    const entry: BuilderEntry = 'builder' in item ? item : { builder: item };
    for (const name of [entry.builder.type, ...(entry.aliases ?? twinOf(entry.builder.type))]) {
      if (byName.has(name)) throw new Error(`builder type "${name}" is registered twice`);
      byName.set(name, entry);
    }
  }
  return {
    get: (type) => byName.get(type)?.builder,
    accessOf: (type, config) => byName.get(type)?.accessOf?.(config),
    types: () => [...byName.keys()].sort(),
    planned: (type) => (byName.has(type) ? undefined : planned[type]),
  };
}

/** The Outscale builders of later issues: their packages name them, their runs are not written yet. */
export const plannedBuilders: Readonly<Record<string, string>> = Object.fromEntries(
  [...chrootTypes, ...surrogateTypes, ...volumeTypes].map((type) => [type, 'a later release']),
);

/**
 * The builders this osc-packer provides, wired to the run's world (SSH endpoint mapping, resource journal,
 * waiter settings, debug log). osc-bsu answers to `osc-bsu` and `outscale-bsu`; the other Outscale builders
 * are known but not available yet.
 */
export function defaultBuilderRegistry(runtime: BuilderRuntime = {}): BuilderRegistry {
  const bsu = createBsuBuilder({
    ...(runtime.resolveSshEndpoint ? { resolveSshEndpoint: runtime.resolveSshEndpoint } : {}),
    ...(runtime.journalDir ? { journalDir: runtime.journalDir } : {}),
    ...(runtime.waiter ? { waiterOptions: runtime.waiter } : {}),
    ...(runtime.homedir ? { accessWorld: { homedir: runtime.homedir } } : {}),
    clientOptions: runtime.log ? { logger: clientLogger(runtime.log) } : {},
  });
  return createBuilderRegistry([builderEntry(bsu, (input: BsuBuildInput) => input.config)], plannedBuilders);
}

/** The API client's debug lines (already redacted by the client) into the run's debug log. */
function clientLogger(log: Logger) {
  return {
    debug: (message: string, fields?: Record<string, unknown>) =>
      log.debug(fields ? `${message} ${JSON.stringify(fields)}` : message),
  };
}

/** The message for a type no builder answers to: not available yet, or unknown (listing the known ones). */
export function unknownBuilderMessage(type: string, registry: BuilderRegistry): string {
  const known = registry.types();
  const available = known.length ? `available: ${known.join(', ')}` : 'no builder type is available yet';
  const planned = registry.planned(type);
  if (planned !== undefined) {
    return `builder type "${type}" is not available yet in osc-packer (it comes in ${planned}; ${available})`;
  }
  return `builder type not found: ${type} (${known.length ? `known types: ${known.join(', ')}` : available})`;
}
