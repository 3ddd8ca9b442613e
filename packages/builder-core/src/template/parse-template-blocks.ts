import type { ConfigIssue } from '../config/config-issue';
import { parseGoDuration } from '../config/go-duration';
import type { PostProcessorBlock } from '../post-processors/post-processor-block';
import type { PostProcessorSequence, TemplateProvisioner } from './template-model';

type Report = (issue: ConfigIssue) => void;
type Raw = Record<string, unknown>;

const isObject = (value: unknown): value is Raw => !!value && typeof value === 'object' && !Array.isArray(value);

/** Reads `only`/`except`: a list of names, or one comma-separated string. */
function names(raw: Raw, key: string, path: string, report: Report): string[] | undefined {
  const value = raw[key];
  if (value === undefined) return undefined;
  if (typeof value === 'string')
    return value
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  if (Array.isArray(value) && value.every((name) => typeof name === 'string')) return value;
  report({ path: `${path}.${key}`, message: 'must be a list of build names' });
  return undefined;
}

function duration(raw: Raw, key: string, path: string, report: Report): number | undefined {
  const value = raw[key];
  if (value === undefined || value === '') return undefined;
  const ms = typeof value === 'string' ? parseGoDuration(value) : value === 0 ? 0 : undefined;
  if (ms === undefined || ms < 0) {
    report({
      path: `${path}.${key}`,
      message: `must be a duration such as "30s" or "5m" (got ${JSON.stringify(value)})`,
    });
  }
  return ms;
}

function typeOf(raw: Raw, path: string, report: Report): string | undefined {
  if (typeof raw.type === 'string' && raw.type !== '') return raw.type;
  report({ path: raw.type === undefined ? path : `${path}.type`, message: "missing 'type'" });
  return undefined;
}

function without(raw: Raw, keys: readonly string[]): Raw {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !keys.includes(key)));
}

const provisionerKeys = ['type', 'only', 'except', 'override', 'pause_before', 'max_retries', 'timeout'];

/** Reads a provisioner block (`provisioners[i]` or `error-cleanup-provisioner`), reporting what is malformed. */
export function parseProvisioner(raw: unknown, path: string, report: Report): TemplateProvisioner | undefined {
  if (!isObject(raw)) {
    report({ path, message: 'must be an object with a "type"' });
    return undefined;
  }
  const type = typeOf(raw, path, report);
  const override = raw.override;
  if (override !== undefined && !(isObject(override) && Object.values(override).every(isObject))) {
    report({ path: `${path}.override`, message: 'must be an object of build names to objects of keys' });
  }
  let maxRetries: number | undefined;
  let maxRetriesTemplate: string | undefined;
  if (typeof raw.max_retries === 'number' && Number.isInteger(raw.max_retries)) maxRetries = raw.max_retries;
  else if (typeof raw.max_retries === 'string' && /^\s*\d+\s*$/.test(raw.max_retries))
    maxRetries = Number(raw.max_retries);
  else if (typeof raw.max_retries === 'string' && raw.max_retries.includes('{{')) maxRetriesTemplate = raw.max_retries;
  else if (raw.max_retries !== undefined && raw.max_retries !== '') {
    report({ path: `${path}.max_retries`, message: `must be a whole number (got ${JSON.stringify(raw.max_retries)})` });
  }
  const block: TemplateProvisioner = {
    type: type ?? '',
    only: names(raw, 'only', path, report),
    except: names(raw, 'except', path, report),
    override: isObject(override) ? (override as Record<string, Raw>) : undefined,
    pauseBeforeMs: duration(raw, 'pause_before', path, report),
    timeoutMs: duration(raw, 'timeout', path, report),
    maxRetries,
    maxRetriesTemplate,
    config: without(raw, provisionerKeys),
  };
  return type ? block : undefined;
}

const postProcessorKeys = ['type', 'name', 'only', 'except', 'keep_input_artifact'];

function parsePostProcessor(raw: unknown, path: string, report: Report): PostProcessorBlock | undefined {
  if (typeof raw === 'string') return { type: raw, name: raw, config: {} };
  if (!isObject(raw)) {
    report({ path, message: 'must be a type name or an object with a "type"' });
    return undefined;
  }
  const type = typeOf(raw, path, report);
  if (raw.name !== undefined && typeof raw.name !== 'string')
    report({ path: `${path}.name`, message: 'must be a string' });
  const keep = raw.keep_input_artifact;
  let keepInputArtifact: boolean | undefined;
  if (typeof keep === 'boolean') keepInputArtifact = keep;
  else if (keep === 'true' || keep === 'false') keepInputArtifact = keep === 'true';
  else if (keep !== undefined) report({ path: `${path}.keep_input_artifact`, message: 'must be true or false' });
  if (!type) return undefined;
  return {
    type,
    name: typeof raw.name === 'string' && raw.name ? raw.name : type,
    only: names(raw, 'only', path, report),
    except: names(raw, 'except', path, report),
    keepInputArtifact,
    config: without(raw, postProcessorKeys),
  };
}

/**
 * Reads one element of `post-processors`: a type name, an object, or a sequence (array) of those, each
 * post-processor feeding the next. Sequences cannot nest, as in Packer.
 */
export function parsePostProcessorSequence(raw: unknown, path: string, report: Report): PostProcessorSequence {
  const items = Array.isArray(raw) ? raw : [raw];
  const sequence: PostProcessorBlock[] = [];
  items.forEach((item, j) => {
    const where = Array.isArray(raw) ? `${path}[${j}]` : path;
    if (Array.isArray(item)) {
      report({ path: where, message: 'a sequence cannot be nested in a sequence' });
      return;
    }
    const block = parsePostProcessor(item, where, report);
    if (block) sequence.push(block);
  });
  return sequence;
}
