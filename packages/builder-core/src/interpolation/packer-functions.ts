import { dirname, resolve } from 'node:path';
import { cleanResourceName } from './clean-resource-name';
import { formatGoTime, rfc3339Layout } from './go-time-format';
import { strftime } from './strftime';
import {
  type FunctionScope,
  stringFunction,
  type TemplateFunction,
  TemplateFunctionFailure,
} from './template-function';

const fail = (message: string, subject?: string): never => {
  throw new TemplateFunctionFailure(message, subject);
};

// Go's strings.Replace: the first n (all when n < 0) non-overlapping instances; an empty `old` matches
// before every character and at the end.
function goReplace(source: string, old: string, replacement: string, n: number): string {
  if (n === 0 || old === replacement) return source;
  if (old === '') {
    const chars = [...source];
    const limit = n < 0 ? chars.length + 1 : Math.min(n, chars.length + 1);
    let out = '';
    for (let i = 0; i < chars.length; i++) out += (i < limit ? replacement : '') + chars[i];
    return out + (limit > chars.length ? replacement : '');
  }
  const parts = source.split(old);
  if (n < 0 || n >= parts.length - 1) return parts.join(replacement);
  return parts.slice(0, n + 1).join(replacement) + old + parts.slice(n + 1).join(old);
}

function user([name]: readonly unknown[], { context }: FunctionScope): string {
  const value = context.userVariables[name as string];
  if (value === undefined) {
    fail(`undefined variable "${name}": declare it in "variables" or set it with -var ${name}=...`, name as string);
  }
  return value ?? '';
}

function build([key]: readonly unknown[], { context }: FunctionScope): string {
  const data = context.buildData;
  if (!data) {
    return fail(`{{build \`${key}\`}} is only available in fields rendered while provisioning`, key as string);
  }
  const value = data[key as string];
  if (value === undefined) {
    return fail(`build data has no "${key}" (known: ${Object.keys(data).sort().join(', ')})`, key as string);
  }
  return value;
}

function unsupported(name: string, why: string): TemplateFunction {
  return { params: [], variadic: 'any', call: () => fail(`${name} is not supported by osc-packer: ${why}`, name) };
}

const secretStore = 'read the secret into a variable default with {{env `NAME`}} instead';

/**
 * The functions of Packer's JSON template engine (packer-plugin-sdk `interpolate`), plus the Outscale plugin's
 * `clean_resource_name` and its alias `clean_omi_name`. Each reads the run from the `FunctionScope`.
 */
export const packerFunctions: Readonly<Record<string, TemplateFunction>> = {
  build_name: {
    params: [],
    call: (_, { context }) => context.buildName ?? fail('build_name is not available outside a build'),
  },
  build_type: {
    params: [],
    call: (_, { context }) => context.buildType ?? fail('build_type is not available outside a build'),
  },
  env: {
    params: ['string'],
    call: ([name], { context, allowEnv }) => {
      if (!allowEnv) {
        fail(
          'env is only allowed in the default value of a variable: declare "my_var": "{{env `NAME`}}" in "variables" and use {{user `my_var`}}',
          name as string,
        );
      }
      return context.env?.[name as string] ?? '';
    },
  },
  isotime: {
    params: ['string'],
    optional: 1,
    call: ([layout], { context }) => formatGoTime(context.now, (layout as string | undefined) ?? rfc3339Layout),
  },
  strftime: { params: ['string'], call: ([format], { context }) => strftime(format as string, context.now) },
  timestamp: { params: [], call: (_, { context }) => String(Math.floor(context.now.getTime() / 1000)) },
  uuid: { params: [], call: (_, { context }) => context.uuid() },
  pwd: { params: [], call: (_, { context }) => context.cwd },
  template_dir: {
    params: [],
    call: (_, { context }) =>
      context.templatePath
        ? dirname(resolve(context.cwd, context.templatePath))
        : fail('template_dir is not available: the template was not read from a file'),
  },
  packer_version: { params: [], call: (_, { context }) => context.packerVersion },
  user: { params: ['string'], call: user },
  build: { params: ['string'], call: build },
  split: {
    params: ['string', 'string', 'int'],
    call: ([text, separator, index]) => {
      const parts = separator === '' ? [...(text as string)] : (text as string).split(separator as string);
      const part = parts[index as number];
      if (part === undefined || (index as number) < 0) {
        fail(`split: there is no substring ${index} of ${JSON.stringify(text)} split by ${JSON.stringify(separator)}`);
      }
      return part;
    },
  },
  replace: {
    params: ['string', 'string', 'int', 'string'],
    call: ([old, replacement, n, source]) =>
      goReplace(source as string, old as string, replacement as string, n as number),
  },
  replace_all: stringFunction(3, (old, replacement, source) =>
    goReplace(source ?? '', old ?? '', replacement ?? '', -1),
  ),
  upper: stringFunction(1, (text) => (text ?? '').toUpperCase()),
  lower: stringFunction(1, (text) => (text ?? '').toLowerCase()),
  clean_resource_name: stringFunction(1, (text) => cleanResourceName(text ?? '')),
  clean_omi_name: stringFunction(1, (text) => cleanResourceName(text ?? '')),
  sed: unsupported('sed', 'it was removed from Packer; use replace or replace_all'),
  consul_key: unsupported('consul_key', secretStore),
  vault: unsupported('vault', secretStore),
  aws_secretsmanager: unsupported('aws_secretsmanager', secretStore),
  aws_secretsmanager_raw: unsupported('aws_secretsmanager_raw', secretStore),
};
