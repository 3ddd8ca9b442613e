/**
 * Writes `src/generated/oapi-types.ts` and `src/generated/index-exports.ts` from the Outscale API
 * description. Usage: `pnpm generate [path/to/outscale.yaml]` (default `<repo root>/../shared/oapi/outscale.yaml`).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { usedOperations } from '../src/model/used-operations';
import { findOapiSpecPath, loadOapiSpec } from '../src/test/load-oapi-spec';
import { emitIndexExports } from './oapi-codegen/emit-index-exports';
import { emitOapiTypes } from './oapi-codegen/emit-oapi-types';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const spec = loadOapiSpec(process.argv[2] ?? findOapiSpecPath(packageDirectory));
const outputs = {
  'src/generated/oapi-types.ts': emitOapiTypes(spec, usedOperations),
  'src/generated/index-exports.ts': emitIndexExports(spec, usedOperations),
};
for (const [file, text] of Object.entries(outputs)) {
  writeFileSync(new URL(`../${file}`, import.meta.url), text);
  console.log(`wrote ${file} (osc-api ${spec.version}, ${text.split('\n').length} lines)`);
}
