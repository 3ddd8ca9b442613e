/** The template type names this builder answers to: the in-tree Packer name and the plugin's name. */
export const builderTypeNames = ['osc-bsusurrogate', 'outscale-bsusurrogate'] as const;

/** The artifact BuilderId, as Packer's Outscale plugin reports it (manifests and tooling read it). */
export const builderId = 'oapi.outscale.bsusurrogate';
