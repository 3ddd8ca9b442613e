import type { InterpolationContext, PrepareEnv, PrepareResult } from '@osc-packer/builder-core';
import { type WaiterOptions, waiterOptionsFromEnv } from '@osc-packer/oapi-client';
import type { BsuConfig } from './config/bsu-config';
import { prepareBsuConfig } from './config/prepare-bsu-config';

/** What an osc-bsu build runs with: the prepared config and what run time needs of the prepare environment. */
export interface BsuBuildInput {
  readonly config: BsuConfig;
  /** The run's interpolation context for this build, to render the deferred fields with the build data. */
  readonly interpolation: InterpolationContext;
  /** The environment the cli passed (credentials, SSH_AUTH_SOCK, HOME); never read from the process here. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly templatePath: string | undefined;
  /** Waiter overrides from `OSC_POLL_*` (checked at prepare: a wrong value is a config issue). */
  readonly waiter: Partial<WaiterOptions>;
}

/**
 * The builder's prepare: `prepareBsuConfig` (every problem at once, with key paths), plus the `OSC_POLL_*`
 * waiter settings of the environment, checked now so a wrong value fails before anything is created.
 */
export function prepareBsuBuild(raw: Readonly<Record<string, unknown>>, env: PrepareEnv): PrepareResult<BsuBuildInput> {
  const prepared = prepareBsuConfig(raw, env);
  let waiter: Partial<WaiterOptions> = {};
  try {
    waiter = waiterOptionsFromEnv(env.env);
  } catch (error) {
    const issue = { path: 'environment', message: error instanceof Error ? error.message : String(error) };
    return { ok: false, issues: [...(prepared.ok ? [] : prepared.issues), issue], warnings: prepared.warnings };
  }
  if (!prepared.ok) return prepared;
  const input: BsuBuildInput = {
    config: prepared.config,
    interpolation: env.interpolation,
    env: env.env,
    templatePath: env.templatePath,
    waiter,
  };
  return {
    ok: true,
    config: input,
    warnings: prepared.warnings,
    ...(prepared.secrets ? { secrets: prepared.secrets } : {}),
  };
}
