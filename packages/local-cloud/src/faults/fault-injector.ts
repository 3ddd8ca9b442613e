import { matchesWildcard } from '../query/wildcard';
import {
  type FaultResourceKind,
  type FaultRule,
  type FaultRuleInput,
  faultRuleSchema,
  isCallFault,
} from './fault-rule';
import { operationResourceKind } from './operation-resource';

/** A rule in force, with how often it matched and fired. */
export interface ActiveFault {
  id: string;
  rule: FaultRule;
  matched: number;
  fired: number;
}

/** What to do to one API call. `terminal` ends the call (error answer or dropped connection). */
export interface CallFaults {
  latencyMs: number;
  terminal?:
    | { action: 'throttle'; scope: FaultRule['scope'] }
    | { action: 'server-error'; status: FaultRule['status'] }
    | { action: 'reset'; phase: FaultRule['phase'] };
}

/** Who is calling what, for matching rules. */
export interface CallTarget {
  operation: string;
  accountId?: string;
  accountAlias?: string;
}

/**
 * Holds the fault rules and decides, call by call, which fire. Rules are matched in the order they were
 * added; latencies add up, and the first terminal fault (throttle, server error, reset) wins.
 */
export class FaultInjector {
  private readonly faults = new Map<string, ActiveFault>();
  private nextId = 1;

  constructor(private readonly random: () => number = Math.random) {}

  /** Validates and adds a rule; returns its id. Throws a zod error on an invalid rule. */
  add(input: FaultRuleInput): string {
    const rule = faultRuleSchema.parse(input);
    const id = `fault-${this.nextId++}`;
    this.faults.set(id, { id, rule, matched: 0, fired: 0 });
    return id;
  }

  remove(id: string): boolean {
    return this.faults.delete(id);
  }

  clear(): void {
    this.faults.clear();
  }

  list(): ActiveFault[] {
    return [...this.faults.values()].map((fault) => ({ ...fault, rule: { ...fault.rule } }));
  }

  /** The faults to apply to one API call. Counts every matching rule, fired or not. */
  forCall(target: CallTarget): CallFaults {
    const result: CallFaults = { latencyMs: 0 };
    const kind = operationResourceKind(target.operation);
    for (const fault of this.faults.values()) {
      const { rule } = fault;
      if (!isCallFault(rule.action) || !this.matchesCall(rule, target, kind)) continue;
      if (rule.action !== 'latency' && result.terminal) continue;
      if (!this.fire(fault)) continue;
      if (rule.action === 'latency') result.latencyMs += rule.ms;
      else if (rule.action === 'throttle') result.terminal = { action: 'throttle', scope: rule.scope };
      else if (rule.action === 'server-error') result.terminal = { action: 'server-error', status: rule.status };
      else result.terminal = { action: 'reset', phase: rule.phase };
    }
    return result;
  }

  /** How long a resource of `kind` just created stays invisible ("not found"), 0 when no rule says so. */
  invisibilityAfterCreate(kind: FaultResourceKind, accountId?: string, accountAlias?: string): number {
    let window = 0;
    for (const fault of this.faults.values()) {
      const { rule } = fault;
      if (rule.action !== 'not-found-after-create' || !this.matchesKind(rule, kind)) continue;
      if (!this.matchesAccount(rule, accountId, accountAlias) || !this.fire(fault)) continue;
      window = Math.max(window, rule.ms);
    }
    return window;
  }

  /** Delays after which a VM that just became running loses its SSH connections (one per firing rule). */
  sshDisconnectDelays(accountId?: string, accountAlias?: string): number[] {
    const delays: number[] = [];
    for (const fault of this.faults.values()) {
      const { rule } = fault;
      if (rule.action !== 'ssh-disconnect' || !this.matchesKind(rule, 'vm')) continue;
      if (!this.matchesAccount(rule, accountId, accountAlias) || !this.fire(fault)) continue;
      delays.push(rule.ms);
    }
    return delays;
  }

  private matchesCall(rule: FaultRule, target: CallTarget, kind: FaultResourceKind | undefined): boolean {
    if (rule.operation !== undefined) {
      const patterns = Array.isArray(rule.operation) ? rule.operation : [rule.operation];
      if (!patterns.some((pattern) => matchesWildcard(pattern, target.operation))) return false;
    }
    if (rule.resource !== undefined && (kind === undefined || !this.matchesKind(rule, kind))) return false;
    return this.matchesAccount(rule, target.accountId, target.accountAlias);
  }

  // A rule without `resource` targets the kinds its operations act on (CreateVms -> vm), or every kind.
  private matchesKind(rule: FaultRule, kind: FaultResourceKind): boolean {
    if (rule.resource !== undefined) {
      return Array.isArray(rule.resource) ? rule.resource.includes(kind) : rule.resource === kind;
    }
    if (rule.operation === undefined) return true;
    const operations = Array.isArray(rule.operation) ? rule.operation : [rule.operation];
    return operations.some((operation) => operation === '*' || operationResourceKind(operation) === kind);
  }

  private matchesAccount(rule: FaultRule, accountId?: string, alias?: string): boolean {
    return rule.account === undefined || rule.account === accountId || rule.account === alias;
  }

  /** Counts a match and says whether the rule fires this time (skip, times and probability applied). */
  private fire(fault: ActiveFault): boolean {
    fault.matched += 1;
    const { rule } = fault;
    if (fault.matched <= rule.skip) return false;
    if (rule.times !== undefined && fault.fired >= rule.times) return false;
    if (rule.probability < 1 && this.random() >= rule.probability) return false;
    fault.fired += 1;
    return true;
  }
}
