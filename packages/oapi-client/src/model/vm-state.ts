/**
 * The states of a VM (`Vm.State`, `VmStates.VmState`, filter `VmStateNames`); `terminated` is final.
 * Wire fields stay `string` (the API may add states): compare them with these.
 */
export const vmStates = [
  'pending',
  'running',
  'stopping',
  'stopped',
  'shutting-down',
  'terminated',
  'quarantine',
] as const;

/** One of {@link vmStates}. */
export type VmState = (typeof vmStates)[number];

/** The numeric codes the filter `VmStateCodes` takes, per state. */
export const vmStateCodes: { readonly [State in VmState]: number } = {
  quarantine: -1,
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};
