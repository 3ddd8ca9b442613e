import { errors } from './errors';

type Body = Readonly<Record<string, unknown>>;

// Typed reads of request parameters. The API checks types before anything else and names the parameter
// in its answer; `path` is how nested parameters are named in those answers (`BlockDeviceMappings.0.Bsu`).

export function optionalString(body: Body, name: string, path = name): string | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw errors.invalidParameterType(path, 'a string');
  return value;
}

export function requiredString(body: Body, name: string, path = name): string {
  const value = optionalString(body, name, path);
  if (value === undefined || value === '') throw errors.missingParameter(path);
  return value;
}

export function optionalBoolean(body: Body, name: string, path = name): boolean | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw errors.invalidParameterType(path, 'a boolean');
  return value;
}

export function optionalInteger(body: Body, name: string, path = name): number | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw errors.invalidParameterType(path, 'an integer');
  return value;
}

export function optionalStringList(body: Body, name: string, path = name): string[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw errors.invalidParameterType(path, 'an array of strings');
  }
  return value as string[];
}

export function requiredStringList(body: Body, name: string, path = name): string[] {
  const value = optionalStringList(body, name, path);
  if (value === undefined || value.length === 0) throw errors.missingParameter(path);
  return value;
}

export function optionalObject(body: Body, name: string, path = name): Body | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw errors.invalidParameterType(path, 'an object');
  }
  return value as Body;
}

export function optionalObjectList(body: Body, name: string, path = name): Body[] | undefined {
  const value = body[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
    throw errors.invalidParameterType(path, 'an array of objects');
  }
  return value as Body[];
}

/** Refuses fields of a nested object the schema does not define. */
export function checkKnownFields(body: Body, allowed: readonly string[], path: string): void {
  for (const name of Object.keys(body)) {
    if (!allowed.includes(name)) throw errors.unknownParameter(`${path}.${name}`);
  }
}

/** A value that must be one of a set (`VolumeType`, `Flow`, ...). */
export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], path: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw errors.invalidParameterValue(path, value);
  return value as T;
}
