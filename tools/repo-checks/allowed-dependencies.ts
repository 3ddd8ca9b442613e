/**
 * The runtime edges allowed between our packages (shared/design/architecture.md): an arrow only points
 * down. Tests may use anything as a dev dependency; source files and runtime dependencies may not.
 */
export const allowedDependencies: Readonly<Record<string, readonly string[]>> = {
  'osc-auth': [],
  'builder-core': [],
  'oapi-client': ['osc-auth'],
  'osc-steps': ['builder-core', 'oapi-client', 'osc-auth'],
  'builder-bsu': ['osc-steps', 'builder-core', 'oapi-client', 'osc-auth'],
  'builder-chroot': ['osc-steps', 'builder-core', 'oapi-client', 'osc-auth'],
  'builder-surrogate': ['osc-steps', 'builder-core', 'oapi-client', 'osc-auth'],
  'builder-volume': ['osc-steps', 'builder-core', 'oapi-client', 'osc-auth'],
  'local-cloud': ['osc-auth', 'oapi-client'],
  cli: [
    'builder-bsu',
    'builder-chroot',
    'builder-surrogate',
    'builder-volume',
    'osc-steps',
    'builder-core',
    'oapi-client',
    'osc-auth',
    'local-cloud',
  ],
};
