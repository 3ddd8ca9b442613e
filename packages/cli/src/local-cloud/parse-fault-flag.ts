import type { FaultRuleInput } from '@osc-packer/local-cloud';

const numeric = new Set(['status', 'ms', 'times', 'skip', 'probability']);
const lists = new Set(['operation', 'resource']);

/**
 * Reads one `--fault` flag: comma-separated `key=value` pairs with the keys of a faults-file rule, lists
 * separated by `|`. For example `operation=ReadVms|CreateVms,action=throttle,scope=account,times=2`.
 * Throws with the offending pair; the rule itself is checked by local-cloud.
 */
export function parseFaultFlag(flag: string): FaultRuleInput {
  const rule: Record<string, unknown> = {};
  for (const pair of flag.split(',')) {
    const separator = pair.indexOf('=');
    if (separator <= 0) throw new Error(`--fault '${flag}': '${pair}' is not key=value`);
    const key = pair.slice(0, separator).trim();
    const value = pair.slice(separator + 1).trim();
    if (numeric.has(key)) {
      const number = Number(value);
      if (value === '' || Number.isNaN(number)) throw new Error(`--fault '${flag}': ${key} must be a number`);
      rule[key] = number;
    } else if (lists.has(key) && value.includes('|')) rule[key] = value.split('|');
    else rule[key] = value;
  }
  return rule as FaultRuleInput;
}
