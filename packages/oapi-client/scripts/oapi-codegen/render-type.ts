import type { OapiSchema } from '../../src/test/oapi-schema';
import { typeName } from './schema-names';

/** The TypeScript type of a schema: `$ref`s by name, enums as literal unions, `| null` when nullable. */
export function renderType(schema: OapiSchema): string {
  const base = renderBase(schema);
  return schema.nullable ? `${base} | null` : base;
}

function renderBase(schema: OapiSchema): string {
  if (schema.ref !== undefined) return typeName(schema.ref);
  if (schema.enum !== undefined) return schema.enum.map(renderLiteral).join(' | ');
  if (schema.oneOf !== undefined) return [...new Set(schema.oneOf.map(renderType))].join(' | ');
  switch (schema.type) {
    case 'string':
      // date, date-time and byte (including the opaque NextPageToken) all travel as JSON strings.
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const item = schema.items === undefined ? 'unknown' : renderType(schema.items);
      return item.includes(' | ') ? `(${item})[]` : `${item}[]`;
    }
    case 'object':
      if (schema.properties !== undefined) throw new Error('inline object schemas are not supported');
      return 'Record<string, unknown>';
    case undefined:
      return 'unknown';
  }
}

function renderLiteral(value: string | number | boolean): string {
  return typeof value === 'string' ? `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'` : String(value);
}

/** A property key as written in an interface: bare when it is an identifier, quoted otherwise. */
export function renderKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : renderLiteral(name);
}
