import type { DataStore, VmRuntime } from '../runtime/vm-runtime';

/** The runtime and store VMs use unless the caller brings its own. */
export async function defaultMachines(): Promise<{ runtime: VmRuntime; store: DataStore }> {
  throw new Error('the isolated VM runtime has not landed yet; pass `machines`');
}
