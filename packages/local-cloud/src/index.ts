/** Resource ids in the real API's shape (`i-…`, `ami-…`, `vol-…`). */
export { newResourceId, type ResourceKind, resourceKindOf } from './model/resource-id';
