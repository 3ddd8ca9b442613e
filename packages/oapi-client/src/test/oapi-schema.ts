/** The JSON types a schema can declare. */
export type OapiSchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';

/**
 * The subset of OpenAPI 3.0 schema keywords the Outscale description uses and that constrain a body.
 * Prose keywords (`description`, `example`, `default`) are dropped when the spec is read.
 */
export interface OapiSchema {
  readonly type?: OapiSchemaType;
  /** The name of a schema under `components.schemas` (already stripped of `#/components/schemas/`). */
  readonly ref?: string;
  readonly format?: string;
  readonly enum?: readonly (string | number | boolean)[];
  readonly nullable?: boolean;
  readonly items?: OapiSchema;
  readonly properties?: Readonly<Record<string, OapiSchema>>;
  readonly required?: readonly string[];
  readonly oneOf?: readonly OapiSchema[];
  readonly pattern?: string;
  readonly maxLength?: number;
}

const refPrefix = '#/components/schemas/';
const typeNames: readonly string[] = ['string', 'integer', 'number', 'boolean', 'array', 'object'];
// Keywords that only document; everything else must be understood, so a newer spec using e.g. `allOf`
// fails loudly here instead of being validated or typed wrongly.
const proseKeywords = new Set(['description', 'example', 'default', 'title', 'additionalProperties']);

/** Reads one raw schema object of the YAML into an {@link OapiSchema}; throws on keywords it cannot honour. */
export function readOapiSchema(raw: unknown, where: string): OapiSchema {
  if (!isRecord(raw)) throw new Error(`${where}: a schema must be an object`);
  const schema: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (proseKeywords.has(key)) continue;
    schema[key === '$ref' ? 'ref' : key] = readKeyword(key, value, where);
  }
  if (raw.additionalProperties !== undefined && raw.additionalProperties !== false) {
    throw new Error(`${where}: additionalProperties other than false is not supported`);
  }
  return schema as OapiSchema;
}

function readKeyword(key: string, value: unknown, where: string): unknown {
  switch (key) {
    case '$ref':
      if (typeof value !== 'string' || !value.startsWith(refPrefix)) throw new Error(`${where}: unsupported $ref`);
      return value.slice(refPrefix.length);
    case 'type':
      if (typeof value !== 'string' || !typeNames.includes(value)) throw new Error(`${where}: unsupported type`);
      return value;
    case 'format':
    case 'pattern':
      return expect(value, 'string', `${where}.${key}`);
    case 'nullable':
      return expect(value, 'boolean', `${where}.${key}`);
    case 'maxLength':
      return expect(value, 'number', `${where}.${key}`);
    case 'enum':
    case 'required':
      if (!Array.isArray(value)) throw new Error(`${where}.${key}: expected a list`);
      return value;
    case 'items':
      return readOapiSchema(value, `${where}.items`);
    case 'oneOf':
      if (!Array.isArray(value)) throw new Error(`${where}.oneOf: expected a list`);
      return value.map((member, index) => readOapiSchema(member, `${where}.oneOf[${index}]`));
    case 'properties':
      if (!isRecord(value)) throw new Error(`${where}.properties: expected an object`);
      return Object.fromEntries(
        Object.entries(value).map(([name, member]) => [name, readOapiSchema(member, `${where}.${name}`)]),
      );
    default:
      throw new Error(`${where}: unsupported schema keyword ${key}`);
  }
}

function expect(value: unknown, type: 'string' | 'boolean' | 'number', where: string): unknown {
  if (typeof value !== type) throw new Error(`${where}: expected a ${type}`);
  return value;
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
