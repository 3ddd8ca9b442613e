/** Options of the osc-bsu builder: SSH endpoint mapping, journal directory, client and waiter settings. */
export type { BsuBuilderOptions } from './bsu-builder-options';
/** The osc-bsu step list. */
export { type BsuStepsContext, bsuSteps } from './bsu-steps';
/** The type names and artifact BuilderId of this builder. */
export { builderId, builderTypeNames } from './builder-identity';
/** The keys only osc-bsu has (`run_volume_tags`, `skip_create_omi`). */
export { bsuBlock } from './config/bsu-block';
/** The osc-bsu configuration: its blocks composed, the deferred fields, the rules between blocks. */
export { type BsuConfig, bsuConfigSpec, bsuDeferredFields, checkBsuRules } from './config/bsu-config';
/** Prepares an osc-bsu builder block: the typed config and warnings, or every problem at once. */
export { prepareBsuConfig } from './config/prepare-bsu-config';
/** Creates the osc-bsu builder (prepare, run) for builder-core's engine. */
export { createBsuBuilder } from './create-bsu-builder';
/** The OMI artifact: `<region>:<ami-id>`, Packer's string form, state, destroy. */
export { OmiArtifact, type OmiArtifactFields } from './omi-artifact';
/** Resolves access and opens clients on it, printing where the build goes. */
export { type OutscaleAccess, openOutscale } from './open-outscale';
/** The builder's prepare: the config plus what run time needs (interpolation, environment, waiter settings). */
export { type BsuBuildInput, prepareBsuBuild } from './prepare-bsu-build';
