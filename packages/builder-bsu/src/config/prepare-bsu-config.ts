import { homedir } from 'node:os';
import {
  type ConfigIssue,
  type ConfigReporter,
  decodeConfig,
  type PrepareEnv,
  type PrepareResult,
} from '@osc-packer/builder-core';
import {
  checkBuildInfoTemplates,
  communicatorFileIssues,
  retiredOmiKeys,
  retiredRunKeys,
  takeRetiredKeys,
  userDataFileIssues,
} from '@osc-packer/osc-steps';
import { type BsuConfig, bsuConfigSpec, checkBsuRules } from './bsu-config';

/** The deferred fields and the deprecated names users may give them (`ami_description`), for the build data check. */
function buildInfoPatterns(): string[] {
  const deferred = new Set(bsuConfigSpec.deferred);
  const aliased = Object.entries(bsuConfigSpec.aliases).flatMap(([old, current]) =>
    deferred.has(current) ? [old] : [],
  );
  return [...deferred, ...aliased];
}

/**
 * Prepares an osc-bsu builder block as Packer's Prepare does, but reports every problem at once with its key
 * path: explained errors for retired keys, decoding (aliases, interpolation except deferred fields, weak
 * typing, unknown keys with suggestions), build data names in deferred fields, the rules between blocks, and
 * the files the template names. `-force` sets force_deregister. Pure apart from checking that files exist.
 */
export function prepareBsuConfig(raw: Readonly<Record<string, unknown>>, env: PrepareEnv): PrepareResult<BsuConfig> {
  const retired = takeRetiredKeys(raw, { ...retiredOmiKeys, ...retiredRunKeys });
  const decoded = decodeConfig(bsuConfigSpec, retired.rest, { interpolation: env.interpolation });
  const issues: ConfigIssue[] = [...retired.issues];
  const warnings: string[] = [...retired.warnings, ...decoded.warnings];
  if (!decoded.ok) issues.push(...decoded.issues);
  issues.push(...checkBuildInfoTemplates(retired.rest, buildInfoPatterns(), env.interpolation));
  if (!decoded.ok) return { ok: false, issues, warnings };
  const config: BsuConfig = { ...decoded.value, force_deregister: decoded.value.force_deregister || env.force };
  const report: ConfigReporter = {
    issue: (path, message) => issues.push({ path, message }),
    warn: (message) => warnings.push(message),
  };
  checkBsuRules(config, report);
  const base = { cwd: env.interpolation.cwd, homedir: env.env.HOME || homedir() };
  issues.push(...userDataFileIssues(config, base.cwd), ...communicatorFileIssues(config, base));
  if (issues.length > 0) return { ok: false, issues, warnings };
  return { ok: true, config, warnings, secrets: decoded.secrets };
}
