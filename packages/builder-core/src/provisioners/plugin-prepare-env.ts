/** What a provisioner's or post-processor's `prepare` receives besides its raw block. */
export interface PluginPrepareEnv {
  readonly buildName: string;
  readonly builderType: string;
  /** The process environment (for defaults and `shell-local`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The working directory relative paths are resolved from (scripts, sources). */
  readonly cwd: string;
}
