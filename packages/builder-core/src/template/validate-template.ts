import type { ConfigIssue } from '../config/config-issue';
import { didYouMean } from '../config/did-you-mean';
import { compareVersions, emulatedPackerVersion, parseVersion } from '../interpolation/packer-version';
import type { Template } from './template-model';

interface OnlyExcept {
  only?: readonly string[];
  except?: readonly string[];
}

function checkOnlyExcept(block: OnlyExcept, path: string, builders: readonly string[], issues: ConfigIssue[]): void {
  if (block.only?.length && block.except?.length) {
    issues.push({ path, message: "only one of 'only' or 'except' may be specified" });
  }
  for (const key of ['only', 'except'] as const) {
    for (const name of block[key] ?? []) {
      if (builders.includes(name)) continue;
      const suggestion = didYouMean(name, builders);
      issues.push({
        path: `${path}.${key}`,
        message: `'${key}' specified builder '${name}' not found${suggestion ? `; did you mean '${suggestion}'?` : ''}`,
      });
    }
  }
}

/**
 * Checks what Packer checks before preparing builds: at least one builder; provisioners' and
 * post-processors' `only`/`except`/`override` name existing builders; `min_packer_version` is satisfied by
 * `packerVersion` (default the emulated Packer version). Returns every issue found.
 */
export function validateTemplate(template: Template, packerVersion = emulatedPackerVersion): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const builders = template.builders.map((builder) => builder.name);
  if (builders.length === 0) issues.push({ path: 'builders', message: 'at least one builder must be defined' });
  template.provisioners.forEach((provisioner, i) => {
    const path = `provisioners[${i}]`;
    checkOnlyExcept(provisioner, path, builders, issues);
    for (const name of Object.keys(provisioner.override ?? {})) {
      if (!builders.includes(name))
        issues.push({ path: `${path}.override`, message: `override '${name}' doesn't exist` });
    }
  });
  if (template.errorCleanupProvisioner) {
    checkOnlyExcept(template.errorCleanupProvisioner, 'error-cleanup-provisioner', builders, issues);
  }
  template.postProcessors.forEach((sequence, i) => {
    sequence.forEach((postProcessor, j) => {
      const path = sequence.length > 1 ? `post-processors[${i}][${j}]` : `post-processors[${i}]`;
      checkOnlyExcept(postProcessor, path, builders, issues);
    });
  });
  if (template.minPackerVersion !== undefined) {
    const required = parseVersion(template.minPackerVersion);
    const actual = parseVersion(packerVersion);
    if (!required) {
      issues.push({
        path: 'min_packer_version',
        message: `is not a version: ${JSON.stringify(template.minPackerVersion)}`,
      });
    } else if (actual && compareVersions(actual, required) < 0) {
      issues.push({
        path: 'min_packer_version',
        message: `This template requires Packer version ${template.minPackerVersion} or higher; osc-packer implements Packer ${packerVersion}`,
      });
    }
  }
  return issues;
}
