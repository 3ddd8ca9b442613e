import { createInterpolationContext, type PrepareEnv } from '@osc-packer/builder-core';

/** A PrepareEnv for tests: fixed clock, the given user variables, working directory and flags. */
export function bsuTestEnv(
  options: { cwd?: string; force?: boolean; userVariables?: Record<string, string> } = {},
): PrepareEnv {
  const userVariables = options.userVariables ?? {};
  return {
    buildName: 'osc-bsu',
    builderType: 'osc-bsu',
    force: options.force ?? false,
    debug: false,
    onError: 'cleanup',
    templatePath: undefined,
    userVariables,
    env: { HOME: options.cwd ?? '/nonexistent' },
    interpolation: createInterpolationContext({
      now: new Date(Date.UTC(2026, 10, 26, 22, 11, 19)),
      userVariables,
      cwd: options.cwd ?? '/nonexistent',
      buildName: 'osc-bsu',
      buildType: 'osc-bsu',
    }),
  };
}
