/** The type names and artifact BuilderId of this builder. */
export { builderId, builderTypeNames } from './builder-identity';
