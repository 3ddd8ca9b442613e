/** A provisioner block of a template, as the template model hands it over (durations in milliseconds). */
export interface ProvisionerBlock {
  readonly type: string;
  /** Build names this provisioner runs for (all when absent). */
  readonly only?: readonly string[];
  /** Build names this provisioner skips. */
  readonly except?: readonly string[];
  readonly pauseBeforeMs?: number;
  readonly maxRetries?: number;
  readonly timeoutMs?: number;
  /** Per build name, keys that replace the provisioner's own for that build. */
  readonly override?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The provisioner's own keys (all but `type`, `only`, `except`, `pause_before`, `max_retries`, `timeout`, `override`). */
  readonly config: Readonly<Record<string, unknown>>;
}

/** True when a block with `only`/`except` applies to the build named `buildName` (exact names, as Packer). */
export function appliesTo(block: { only?: readonly string[]; except?: readonly string[] }, buildName: string): boolean {
  if (block.only && block.only.length > 0 && !block.only.includes(buildName)) return false;
  return !block.except?.includes(buildName);
}
