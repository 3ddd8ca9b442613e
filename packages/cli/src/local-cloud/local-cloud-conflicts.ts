import type { ConfigIssue } from '@osc-packer/builder-core';
import type { AccessConfig } from '@osc-packer/osc-steps';
import type { LocalCloudAccess } from './local-cloud-env';

const keysNamingAnotherCloud = ['profile', 'x509_cert_path', 'x509_key_path'] as const;

// An empty string is an unset variable (`{{user \`access_key\`}}` with no value): not set.
function text(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function sameEndpoint(a: string, b: string): boolean {
  const strip = (value: string) => value.replace(/\/+$/, '');
  return strip(a) === strip(b);
}

/**
 * What in a build's decoded access settings would send a `--local-cloud` build somewhere else: keys,
 * endpoint or profile written in the template (template settings win over the environment the local cloud
 * is passed through). Settings equal to the local cloud's are fine (a template reading
 * `{{env \`OSC_ACCESS_KEY\`}}` gets the local cloud's keys).
 */
export function localCloudConflicts(settings: AccessConfig | undefined, access: LocalCloudAccess): ConfigIssue[] {
  if (settings === undefined) return [];
  const why =
    'is set in the template, but --local-cloud builds with the credentials and endpoint of its embedded cloud';
  const fix = 'remove it, or take it from a variable (e.g. defaulting to {{env `OSC_ACCESS_KEY`}})';
  const issues: ConfigIssue[] = [];
  const accessKey = text(settings.access_key);
  if (accessKey !== undefined && accessKey !== access.accessKey) {
    issues.push({ path: 'access_key', message: `${why}: ${fix}` });
  }
  const endpoint = text(settings.custom_endpoint_oapi);
  if (endpoint !== undefined && !sameEndpoint(endpoint, access.endpoint)) {
    issues.push({ path: 'custom_endpoint_oapi', message: `${why}: ${fix}` });
  }
  const region = text(settings.region);
  if (region !== undefined && region !== access.region) {
    issues.push({
      path: 'region',
      message: `is ${region}, but the embedded local-cloud serves ${access.region}: remove it or set it to ${access.region}`,
    });
  }
  for (const key of keysNamingAnotherCloud) {
    if (text(settings[key]) !== undefined)
      issues.push({ path: key, message: `${why}: remove it to build on local-cloud` });
  }
  return issues;
}
