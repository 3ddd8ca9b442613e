import type { DataStore, VmRuntime } from '../runtime/vm-runtime';
import { createDataStore } from '../storage/data-store';
import type { SweepLogger } from '../storage/sweep-stores';
import { createVmRuntime } from '../vm/local-vm-runtime';

/**
 * The runtime and store VMs use unless the caller brings its own: VMs isolated in namespaces, over a
 * private store in the temporary directory (closing the store stops the runtime's VMs first). What
 * killed local-clouds left in that directory is removed first, and said to `logger`.
 */
export async function defaultMachines(logger?: SweepLogger): Promise<{ runtime: VmRuntime; store: DataStore }> {
  const store = createDataStore(logger ? { logger } : {});
  await store.swept;
  return { store, runtime: createVmRuntime({ store }) };
}
