import type { DataStore, VmRuntime } from '../runtime/vm-runtime';
import { createDataStore } from '../storage/data-store';
import { createVmRuntime } from '../vm/local-vm-runtime';

/**
 * The runtime and store VMs use unless the caller brings its own: VMs isolated in namespaces, over a
 * private store in the temporary directory (closing the store stops the runtime's VMs first).
 */
export async function defaultMachines(): Promise<{ runtime: VmRuntime; store: DataStore }> {
  const store = createDataStore();
  return { store, runtime: createVmRuntime({ store }) };
}
