import type { Step } from './step';

/**
 * Checks that every key a step requires is in the initial state or provided by an earlier step, and that
 * step names are unique. Returns the problems (empty when consistent).
 */
export function checkStepContracts<S extends object>(steps: readonly Step<S>[], initial: Partial<S>): string[] {
  const problems: string[] = [];
  const available = new Set<string>(Object.keys(initial).filter((key) => initial[key as keyof S] !== undefined));
  const providers = new Map<string, string>();
  steps.forEach((step) => {
    for (const key of step.provides ?? []) if (!providers.has(key)) providers.set(key, step.name);
  });
  const seen = new Set<string>();
  for (const step of steps) {
    if (seen.has(step.name)) problems.push(`two steps are named '${step.name}'`);
    seen.add(step.name);
    for (const key of step.requires ?? []) {
      if (available.has(key)) continue;
      const later = providers.get(key);
      problems.push(
        later
          ? `step '${step.name}' requires '${key}', which step '${later}' provides only later`
          : `step '${step.name}' requires '${key}', which no earlier step provides`,
      );
    }
    for (const key of step.provides ?? []) available.add(key);
  }
  return problems;
}
