import type { CoreBuilder } from '@osc-packer/builder-core';

/** Builder types by the names templates use for them. */
export interface BuilderRegistry {
  /** The builder a template type names (`osc-bsu` or `outscale-bsu`), or undefined. */
  get(type: string): CoreBuilder | undefined;
  /** Every accepted type name, aliases included, sorted. */
  types(): string[];
}

/** A builder and the extra type names it answers to. */
export interface BuilderEntry {
  readonly builder: CoreBuilder;
  /** Names besides `builder.type`; by default its `osc-*`/`outscale-*` twin. */
  readonly aliases?: readonly string[];
}

// Packer ≤1.7 named the Outscale builders `osc-*`; the plugin names them `outscale-*`. Templates use both.
function twinOf(type: string): string[] {
  if (type.startsWith('osc-')) return [`outscale-${type.slice(4)}`];
  if (type.startsWith('outscale-')) return [`osc-${type.slice(9)}`];
  return [];
}

/** Makes a registry; a name claimed twice is a programming error (thrown). */
export function createBuilderRegistry(entries: readonly (CoreBuilder | BuilderEntry)[]): BuilderRegistry {
  const byName = new Map<string, CoreBuilder>();
  for (const entry of entries) {
    const { builder, aliases } = 'builder' in entry ? entry : { builder: entry, aliases: undefined };
    for (const name of [builder.type, ...(aliases ?? twinOf(builder.type))]) {
      if (byName.has(name)) throw new Error(`builder type "${name}" is registered twice`);
      byName.set(name, builder);
    }
  }
  return { get: (type) => byName.get(type), types: () => [...byName.keys()].sort() };
}

/**
 * The builders this osc-packer provides. The Outscale builders (osc-bsu, osc-chroot, osc-bsusurrogate,
 * osc-bsuvolume) are registered here as they land (issue #7); until then every builder type is unknown.
 */
export function defaultBuilderRegistry(): BuilderRegistry {
  return createBuilderRegistry([]);
}

/** The message for a type no builder answers to, listing the known ones. */
export function unknownBuilderMessage(type: string, registry: BuilderRegistry): string {
  const known = registry.types();
  const list = known.length
    ? `known types: ${known.join(', ')}`
    : 'no builder types are available yet: the Outscale builders arrive with issue #7';
  return `builder type not found: ${type} (${list})`;
}
