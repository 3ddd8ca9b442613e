/** Locate (`<repo root>/../shared/oapi/outscale.yaml`) and load the Outscale API description. */
export { findOapiSpecPath, loadOapiSpec } from './load-oapi-spec';
/** The 1.41 corrections applied on top of the saved 1.40.1 description. */
export { applyOapi141Overlay, oapi141OverlaySummary } from './oapi-1-41-overlay';
/** The schema subset read from the description. */
export type { OapiSchema, OapiSchemaType } from './oapi-schema';
/** The parsed description: schemas, operations, examples, version and sha256. */
export { type OapiOperationSpec, type OapiSpec, parseOapiSpec } from './oapi-spec';
/** Request and response body checks with JSON-path problems, strict on unknown properties. */
export { validateRequest, validateResponse } from './validate-oapi-body';
/** Checks any value against one schema of the description. */
export { validateValue } from './validate-value';
