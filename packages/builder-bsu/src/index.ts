/** The type names and artifact BuilderId of this builder. */
export { builderId, builderTypeNames } from './builder-identity';
/** The keys only osc-bsu has (`run_volume_tags`, `skip_create_omi`). */
export { bsuBlock } from './config/bsu-block';
/** The osc-bsu configuration: its blocks composed, the deferred fields, the rules between blocks. */
export { type BsuConfig, bsuConfigSpec, bsuDeferredFields, checkBsuRules } from './config/bsu-config';
/** Prepares an osc-bsu builder block: the typed config and warnings, or every problem at once. */
export { prepareBsuConfig } from './config/prepare-bsu-config';
