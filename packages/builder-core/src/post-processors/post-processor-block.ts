/** A post-processor block of a template, as the template model hands it over. */
export interface PostProcessorBlock {
  readonly type: string;
  /** The template's `name` (what `-only`/`-except` and messages use); default the type. */
  readonly name?: string;
  readonly only?: readonly string[];
  readonly except?: readonly string[];
  /** `keep_input_artifact`, when the template sets it. */
  readonly keepInputArtifact?: boolean;
  /** The post-processor's own keys (all but `type`, `name`, `only`, `except`, `keep_input_artifact`). */
  readonly config: Readonly<Record<string, unknown>>;
}
