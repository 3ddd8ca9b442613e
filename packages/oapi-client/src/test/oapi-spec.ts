import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { applyOapi141Overlay } from './oapi-1-41-overlay';
import { isRecord, type OapiSchema, readOapiSchema } from './oapi-schema';

/** One operation of the description: its body schemas by name, and whether it needs a signature. */
export interface OapiOperationSpec {
  readonly name: string;
  /** The request body schema's name, e.g. `ReadVmsRequest`. */
  readonly request: string;
  /** Response body schema names by HTTP status (`'200'`, `'400'`, ...). */
  readonly responses: Readonly<Record<string, string>>;
  /** False for the few operations declared with `security: []` (ReadRegions, ReadVmTypes, ...). */
  readonly authenticated: boolean;
  /** The spec's request examples by name (`ex1`, ...). */
  readonly requestExamples: Readonly<Record<string, unknown>>;
  /** The spec's response examples by status, then by name. */
  readonly responseExamples: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** The Outscale API description, read and reduced to what typing and validating bodies need. */
export interface OapiSpec {
  /** `info.version` of the file, e.g. `1.40.1`. */
  readonly version: string;
  /** The sha256 (hex) of the file's bytes. */
  readonly sha256: string;
  readonly schemas: Readonly<Record<string, OapiSchema>>;
  readonly operations: Readonly<Record<string, OapiOperationSpec>>;
  /** The corrections applied on top of the file (see {@link applyOapi141Overlay}). */
  readonly overlays: readonly string[];
}

/** Parses the YAML text of `outscale.yaml`; throws when it uses a construct this reader does not support. */
export function parseOapiSpec(text: string): OapiSpec {
  const document: unknown = parse(text);
  if (!isRecord(document) || !isRecord(document.components) || !isRecord(document.paths)) {
    throw new Error('not an OpenAPI description: components and paths are missing');
  }
  const rawSchemas = document.components.schemas;
  if (!isRecord(rawSchemas)) throw new Error('not an OpenAPI description: components.schemas is missing');
  const schemas: Record<string, OapiSchema> = {};
  for (const [name, raw] of Object.entries(rawSchemas)) schemas[name] = readOapiSchema(raw, name);
  const overlays = [applyOapi141Overlay(schemas)];
  const operations: Record<string, OapiOperationSpec> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const operation = readOperation(path, item);
    operations[operation.name] = operation;
  }
  const info = isRecord(document.info) ? document.info : {};
  return {
    version: String(info.version ?? 'unknown'),
    sha256: createHash('sha256').update(text).digest('hex'),
    schemas,
    operations,
    overlays,
  };
}

function readOperation(path: string, item: unknown): OapiOperationSpec {
  const post = isRecord(item) ? item.post : undefined;
  if (!isRecord(post) || typeof post.operationId !== 'string') throw new Error(`${path}: expected a POST operation`);
  const request = jsonContent(post.requestBody, `${path} request`);
  const responses: Record<string, string> = {};
  const responseExamples: Record<string, Record<string, unknown>> = {};
  for (const [status, response] of Object.entries(isRecord(post.responses) ? post.responses : {})) {
    const content = jsonContent(response, `${path} response ${status}`);
    responses[status] = content.schema;
    responseExamples[status] = content.examples;
  }
  return {
    name: post.operationId,
    request: request.schema,
    responses,
    authenticated: !(Array.isArray(post.security) && post.security.length === 0),
    requestExamples: request.examples,
    responseExamples,
  };
}

function jsonContent(body: unknown, where: string): { schema: string; examples: Record<string, unknown> } {
  const content = isRecord(body) && isRecord(body.content) ? body.content['application/json'] : undefined;
  const schema = isRecord(content) ? readOapiSchema(content.schema, where) : undefined;
  if (!isRecord(content) || schema?.ref === undefined) throw new Error(`${where}: expected a JSON body schema $ref`);
  const examples: Record<string, unknown> = {};
  for (const [name, example] of Object.entries(isRecord(content.examples) ? content.examples : {})) {
    if (isRecord(example) && 'value' in example) examples[name] = example.value;
  }
  return { schema: schema.ref, examples };
}
