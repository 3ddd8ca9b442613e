import { formatGoValue, isTruthy } from './format-go-value';
import { type TemplateFunction, TemplateFunctionFailure } from './template-function';

const fail = (message: string): never => {
  throw new TemplateFunctionFailure(message);
};

function compare(name: string, a: unknown, b: unknown): number {
  const comparable =
    (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string');
  if (!comparable) return fail(`${name}: incompatible types for comparison`);
  return (a as number | string) < (b as number | string) ? -1 : a === b ? 0 : 1;
}

function ordering(name: string, test: (order: number) => boolean): TemplateFunction {
  return { params: ['any', 'any'], call: ([a, b]) => test(compare(name, a, b)) };
}

// Go's printf verbs that templates use; widths and flags are not supported.
function printf(format: string, args: readonly unknown[]): string {
  let next = 0;
  return format.replace(/%([%svdqxXtT])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) return `%!${verb}(MISSING)`;
    const value = args[next++];
    switch (verb) {
      case 'q':
        return JSON.stringify(formatGoValue(value));
      case 'd':
        return typeof value === 'number' ? String(Math.trunc(value)) : `%!d(${formatGoValue(value)})`;
      case 'x':
      case 'X': {
        const hex =
          typeof value === 'number'
            ? Math.trunc(value).toString(16)
            : Buffer.from(formatGoValue(value)).toString('hex');
        return verb === 'X' ? hex.toUpperCase() : hex;
      }
      case 'T':
        return typeof value === 'number' ? 'int' : typeof value;
      default:
        return formatGoValue(value);
    }
  });
}

function index([collection, ...keys]: readonly unknown[]): unknown {
  let current = collection;
  for (const key of keys) {
    if (Array.isArray(current) && typeof key === 'number') {
      if (key < 0 || key >= current.length) fail(`index: index out of range: ${key}`);
      current = current[key];
    } else if (current && typeof current === 'object' && typeof key === 'string') {
      current = (current as Record<string, unknown>)[key] ?? '';
    } else {
      fail(`index: cannot index ${formatGoValue(current)} with ${formatGoValue(key)}`);
    }
  }
  return current;
}

/** Go text/template's predefined functions, as far as Packer templates can use them. */
export const goBuiltinFunctions: Readonly<Record<string, TemplateFunction>> = {
  and: {
    params: ['any'],
    variadic: 'any',
    call: (args) => args.find((arg) => !isTruthy(arg)) ?? args[args.length - 1],
  },
  or: { params: ['any'], variadic: 'any', call: (args) => args.find(isTruthy) ?? args[args.length - 1] },
  not: { params: ['any'], call: ([value]) => !isTruthy(value) },
  eq: {
    params: ['any', 'any'],
    variadic: 'any',
    call: ([first, ...rest]) => rest.some((other) => compare('eq', first, other) === 0),
  },
  ne: { params: ['any', 'any'], call: ([a, b]) => compare('ne', a, b) !== 0 },
  lt: ordering('lt', (order) => order < 0),
  le: ordering('le', (order) => order <= 0),
  gt: ordering('gt', (order) => order > 0),
  ge: ordering('ge', (order) => order >= 0),
  len: {
    params: ['any'],
    call: ([value]) => {
      if (typeof value === 'string') return Buffer.byteLength(value);
      if (Array.isArray(value)) return value.length;
      if (value && typeof value === 'object') return Object.keys(value).length;
      return fail(`len of ${formatGoValue(value)}`);
    },
  },
  index: { params: ['any'], variadic: 'any', call: index },
  print: { params: [], variadic: 'any', call: (args) => args.map(formatGoValue).join('') },
  println: { params: [], variadic: 'any', call: (args) => `${args.map(formatGoValue).join(' ')}\n` },
  printf: { params: ['string'], variadic: 'any', call: ([format, ...args]) => printf(format as string, args) },
  urlquery: {
    params: [],
    variadic: 'any',
    call: (args) => encodeURIComponent(args.map(formatGoValue).join('')).replace(/%20/g, '+'),
  },
};
