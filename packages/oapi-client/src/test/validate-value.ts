import { isRecord, type OapiSchema } from './oapi-schema';

/** Where the walk is, and the schemas `ref`s point into. */
interface Context {
  readonly schemas: Readonly<Record<string, OapiSchema>>;
  readonly problems: string[];
}

// Loose shapes: the API writes `2026-01-02T03:04:05.000Z`; offsets and missing fractions are valid too.
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
const date = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Checks `value` against `schema` and returns one problem per violation, each prefixed by its JSON path
 * (`$.Vms[0].State: ...`). Objects are strict: a property the schema does not declare is a problem.
 * `oneOf` passes when any member matches (the spec only uses it for date-or-date-time strings).
 */
export function validateValue(
  schemas: Readonly<Record<string, OapiSchema>>,
  schema: OapiSchema,
  value: unknown,
  path = '$',
): string[] {
  const context: Context = { schemas, problems: [] };
  check(context, schema, value, path);
  return context.problems;
}

function check(context: Context, schema: OapiSchema, value: unknown, path: string): void {
  if (value === null) {
    // A $ref is nullable only through its own property schema, which `nullable` sits on.
    if (!schema.nullable) context.problems.push(`${path}: null is not allowed`);
    return;
  }
  if (schema.ref !== undefined) {
    const target = context.schemas[schema.ref];
    if (target === undefined) context.problems.push(`${path}: unknown schema ${schema.ref}`);
    else check(context, target, value, path);
    return;
  }
  if (schema.oneOf !== undefined) {
    const matches = schema.oneOf.some((member) => validateValue(context.schemas, member, value, path).length === 0);
    if (!matches) context.problems.push(`${path}: matches none of the allowed forms (${describe(value)})`);
    return;
  }
  if (schema.type !== undefined && !hasType(value, schema.type)) {
    context.problems.push(`${path}: expected ${schema.type}, got ${describe(value)}`);
    return;
  }
  if (schema.enum !== undefined && !schema.enum.includes(value as string)) {
    const allowed = schema.enum.map((member) => JSON.stringify(member)).join(', ');
    context.problems.push(`${path}: ${JSON.stringify(value)} is not one of ${allowed}`);
  }
  if (typeof value === 'string') checkString(context, schema, value, path);
  if (Array.isArray(value) && schema.items !== undefined) {
    const items = schema.items;
    value.forEach((item, index) => {
      check(context, items, item, `${path}[${index}]`);
    });
  }
  if (isRecord(value)) checkObject(context, schema, value, path);
}

function checkString(context: Context, schema: OapiSchema, value: string, path: string): void {
  if (schema.format === 'date-time' && !dateTime.test(value)) {
    context.problems.push(`${path}: ${JSON.stringify(value)} is not an ISO 8601 date-time`);
  }
  if (schema.format === 'date' && !date.test(value)) {
    context.problems.push(`${path}: ${JSON.stringify(value)} is not an ISO 8601 date`);
  }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
    context.problems.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
  }
  if (schema.maxLength !== undefined && value.length > schema.maxLength) {
    context.problems.push(`${path}: longer than ${schema.maxLength} characters`);
  }
}

function checkObject(context: Context, schema: OapiSchema, value: Record<string, unknown>, path: string): void {
  const properties = schema.properties ?? {};
  for (const name of schema.required ?? []) {
    if (value[name] === undefined) context.problems.push(`${path}.${name}: missing required property`);
  }
  for (const [name, member] of Object.entries(value)) {
    const property = properties[name];
    if (property === undefined) context.problems.push(`${path}.${name}: unknown property`);
    else if (member !== undefined) check(context, property, member, `${path}.${name}`);
  }
}

function hasType(value: unknown, type: NonNullable<OapiSchema['type']>): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return `integer ${String(value)}`;
  // Strings are not quoted back: a misplaced value may be a secret (a private key, a password).
  if (typeof value === 'string' || typeof value === 'object') return typeof value;
  return `${typeof value} ${String(value)}`;
}
