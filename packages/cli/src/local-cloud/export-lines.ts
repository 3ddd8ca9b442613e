import type { LocalCloud } from '@osc-packer/local-cloud';

// Values are quoted for POSIX shells; keys are alphanumeric, endpoints are plain URLs.
function quote(value: string): string {
  return /^[A-Za-z0-9_./:@-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The `export OSC_...=...` lines that point Outscale tools at the cloud, for its first account. */
export function exportLines(cloud: LocalCloud): string {
  const [account] = cloud.accounts;
  if (!account) throw new Error('the local cloud has no account');
  return [
    `export OSC_ENDPOINT_API=${quote(cloud.endpoint)}`,
    `export OSC_ACCESS_KEY=${quote(account.accessKey)}`,
    `export OSC_SECRET_KEY=${quote(account.secretKey)}`,
    `export OSC_REGION=${quote(cloud.region)}`,
    '',
  ].join('\n');
}

/** What else the cloud offers, for people (written to stderr, so `eval "$(...)"` only sees exports). */
export function summaryLines(cloud: LocalCloud): string {
  const base = cloud.endpoint.replace(/\/api\/v1$/, '');
  const lines = [
    `local-cloud: Outscale API on ${cloud.endpoint} (region ${cloud.region})`,
    `local-cloud: catalog image ${cloud.catalogImageId} (Debian 12, alias Outscale)`,
    ...cloud.accounts
      .slice(1)
      .map((a) => `local-cloud: other account ${a.alias} (${a.accountId}): access key ${a.accessKey}`),
    `local-cloud: stats ${base}/local-cloud/stats, inventory ${base}/local-cloud/inventory, SSH endpoints ${base}/local-cloud/ssh-endpoints`,
    ...(cloud.metadataUrl ? [`local-cloud: VM metadata service ${cloud.metadataUrl}`] : []),
    'local-cloud: press Ctrl-C to stop every VM and remove everything it created',
    '',
  ];
  return lines.join('\n');
}
