import type { OapiSpec } from '../../src/test/oapi-spec';
import { generatedHeader } from './emit-oapi-types';
import { compareNames, reachableSchemas } from './reachable-schemas';
import { typeName } from './schema-names';

/**
 * The text of `src/generated/index-exports.ts`: the package's public list of generated names, spelled out
 * so that a regenerated API shows in the diff of this file.
 */
export function emitIndexExports(spec: OapiSpec, operations: readonly string[]): string {
  const types = [
    ...reachableSchemas(spec, operations).map(typeName),
    'OapiOperations',
    'OperationInfo',
    'OperationName',
  ];
  return [
    generatedHeader(spec),
    '',
    '/** The wire types of every used operation and the schemas they reach (names as in the API). */',
    'export type {',
    ...types.sort(compareNames).map((name) => `  ${name},`),
    "} from './oapi-types';",
    '/** Per-operation wire facts: paginated, takes a ClientToken, needs a signature, list field. */',
    "export { operationInfo } from './oapi-types';",
    '',
  ].join('\n');
}
