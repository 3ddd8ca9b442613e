import { legacyVariables } from '@osc-packer/osc-auth';

/** What a build needs to reach a local cloud through the ordinary access resolution. */
export interface LocalCloudAccess {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKey: string;
  readonly secretKey: string;
}

// Variables that would point the build elsewhere or add warnings about settings that do not apply here.
const replaced = [
  ...Object.keys(legacyVariables),
  'OSC_PROFILE',
  'OSC_CONFIG_FILE',
  'OSC_X509_CLIENT_CERT',
  'OSC_X509_CLIENT_KEY',
  'OSC_X509_CLIENT_CERT_B64',
  'OSC_X509_CLIENT_KEY_B64',
  'OSC_TLS_SKIP_VERIFY',
];

/**
 * The environment a `--local-cloud` build sees: the user's, with `OSC_ENDPOINT_API`, `OSC_ACCESS_KEY`,
 * `OSC_SECRET_KEY` and `OSC_REGION` naming the local cloud (so templates reading `{{env \`OSC_ACCESS_KEY\`}}`
 * get its keys too), the metadata service off, and any other credential source removed.
 */
export function localCloudEnv(
  env: Readonly<Record<string, string | undefined>>,
  access: LocalCloudAccess,
): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) if (!replaced.includes(name)) result[name] = value;
  return {
    ...result,
    OSC_ENDPOINT_API: access.endpoint,
    OSC_ACCESS_KEY: access.accessKey,
    OSC_SECRET_KEY: access.secretKey,
    OSC_REGION: access.region,
    OSC_METADATA_DISABLED: 'true',
  };
}
