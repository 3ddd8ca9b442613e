import manifest from '../package.json' with { type: 'json' };

/** The version of osc-packer, from the cli package's manifest. */
export const cliVersion: string = manifest.version;
