import { type Account, AccountRegistry } from './accounts/account-registry';
import { adminRoute } from './admin/admin-routes';
import { type Inventory, inventory, sshEndpointOf } from './admin/inventory';
import { dispatch } from './api/api-dispatcher';
import { type LoopbackServer, startHttpServer } from './api/http-server';
import { installPublicCatalog } from './catalog/public-catalog';
import type { Cloud, CloudLogger } from './engine/cloud';
import { Scheduler } from './engine/scheduler';
import { resolveTimings } from './engine/timing-profiles';
import { type ActiveFault, FaultInjector } from './faults/fault-injector';
import type { FaultRuleInput } from './faults/fault-rule';
import type { LocalCloudOptions } from './local-cloud-options';
import { defaultMachines } from './machines/default-machines';
import { createHostVm } from './metadata/host-vm';
import { metadataRoute } from './metadata/metadata-server';
import { AddressPool, defaultAddressRanges } from './model/address-pool';
import { CloudState } from './model/cloud-state';
import { allOperations } from './operations/all-operations';
import { createSecurityGroup } from './operations/security-group-operations';
import { CallStats, type CallStatsSnapshot } from './stats/call-stats';

/** An account of a running local cloud, with the keys to sign its calls. */
export type LocalCloudAccount = Pick<Account, 'accountId' | 'alias' | 'accessKey' | 'secretKey'>;

/** A running local cloud. */
export interface LocalCloud {
  /** The API base URL, e.g. `http://127.0.0.1:43117/api/v1` (what OSC_ENDPOINT_API takes). */
  readonly endpoint: string;
  readonly region: string;
  /** The accounts, first one the default. */
  readonly accounts: readonly LocalCloudAccount[];
  /** The catalog's Debian 12 OMI id. */
  readonly catalogImageId: string;
  /**
   * The metadata service's `…/latest/meta-data/` URL (osc-auth's metadata lookups take it as `baseUrl`, in
   * place of `http://169.254.169.254/latest/meta-data/`), or undefined when the service is off.
   */
  readonly metadataUrl: string | undefined;
  /** The VM the metadata service describes (the host VM when one was created). */
  metadataVmId: string | undefined;
  /** Where SSH to `ip:port` (a VM's public, linked or private IP, port 22) really goes; undefined if nowhere. */
  sshEndpoint(ip: string, port?: number): { host: string; port: number } | undefined;
  /** Live resources per account (for leak checks). */
  inventory(): Inventory;
  /** Calls per operation since start. */
  stats(): CallStatsSnapshot;
  /** Fault injection at run time. */
  readonly faults: {
    add(rule: FaultRuleInput): string;
    remove(id: string): boolean;
    clear(): void;
    list(): ActiveFault[];
    /** Drops the SSH connections of one VM, or of every running VM; returns how many VMs. */
    dropSshConnections(vmId?: string): number;
  };
  /** Stops every VM, removes every mount and temporary file, closes the servers. Idempotent. */
  close(): Promise<void>;
}

const silentLogger: CloudLogger = { info: () => {}, warn: () => {} };

/** Starts an Outscale-compatible cloud on loopback. */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const timing = typeof options.timing === 'string' ? { profile: options.timing } : options.timing;
  const log = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const region = options.region ?? 'eu-west-2';
  const machines = options.machines ?? (await defaultMachines(log));
  const faults = new FaultInjector(options.random);
  for (const rule of options.faults ?? []) faults.add(rule);
  let apiServer: LoopbackServer | undefined;
  const cloud: Cloud = {
    region,
    subregions: [`${region}a`, `${region}b`],
    state: new CloudState(),
    accounts: new AccountRegistry(options.accounts),
    scheduler: new Scheduler(resolveTimings(timing), (error) => log.warn(`background task failed: ${String(error)}`)),
    faults,
    store: machines.store,
    runtime: machines.runtime,
    addresses: new AddressPool({ ...defaultAddressRanges, ...options.addresses }),
    log,
    now,
    enforceSecurityGroups: options.enforceSecurityGroups ?? true,
    maxVmsPerAccount: options.maxVmsPerAccount ?? 50,
    endpointHost: () => `${apiServer?.host ?? '127.0.0.1'}:${apiServer?.port ?? 0}`,
  };
  for (const account of cloud.accounts.accounts) {
    createSecurityGroup(cloud, account, { name: 'default', description: 'default group', isDefault: true });
  }
  const catalogImage = installPublicCatalog(cloud, options.catalogRootSizeGiB ?? 10);
  const stats = new CallStats(now());
  const operations = new Map(allOperations(cloud).map((operation) => [operation.name, operation]));
  const admin = adminRoute(cloud, stats);
  const dispatcherDeps = {
    operations,
    accounts: cloud.accounts,
    faults,
    stats,
    scheduler: cloud.scheduler,
    now,
    onInternalError: (operation: string, error: unknown) =>
      log.warn(
        `${operation} failed inside local-cloud: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      ),
  };
  let metadataVmId: string | undefined;
  let metadataServer: LoopbackServer | undefined;
  const servers: LoopbackServer[] = [];
  try {
    apiServer = await startHttpServer(options.host ?? '127.0.0.1', options.port ?? 0, {
      api: (request) => dispatch(request, dispatcherDeps),
      other: admin,
    });
    servers.push(apiServer);
    if (options.metadata !== false) {
      const settings = options.metadata ?? {};
      const route = metadataRoute(cloud, () => metadataVmId);
      metadataServer = await startHttpServer(settings.host ?? '127.0.0.1', settings.port ?? 0, {
        api: async () => ({ status: 404, contentType: 'text/plain', body: 'Not Found\n' }),
        other: route,
      });
      servers.push(metadataServer);
      if (settings.hostVm) {
        const index = typeof settings.hostVm === 'object' ? (settings.hostVm.account ?? 0) : 0;
        const account = cloud.accounts.accounts[index];
        if (!account) throw new RangeError(`metadata.hostVm.account: there is no account #${index}`);
        metadataVmId = createHostVm(cloud, account, catalogImage).id;
      }
    }
  } catch (error) {
    await Promise.allSettled(servers.map((server) => server.close()));
    await cloud.scheduler.close();
    await machines.runtime.close().catch(() => undefined);
    await machines.store.close().catch(() => undefined);
    throw error;
  }
  const api = apiServer;
  let closing: Promise<void> | undefined;
  const handle: LocalCloud = {
    endpoint: `http://${api.host}:${api.port}/api/v1`,
    region,
    accounts: cloud.accounts.accounts.map(({ accountId, alias, accessKey, secretKey }) => ({
      accountId,
      alias,
      accessKey,
      secretKey,
    })),
    catalogImageId: catalogImage.id,
    metadataUrl: metadataServer ? `http://${metadataServer.host}:${metadataServer.port}/latest/meta-data/` : undefined,
    get metadataVmId() {
      return metadataVmId;
    },
    set metadataVmId(vmId: string | undefined) {
      metadataVmId = vmId;
    },
    sshEndpoint: (ip, port) => sshEndpointOf(cloud, ip, port),
    inventory: () => inventory(cloud),
    stats: () => stats.snapshot(),
    faults: {
      add: (rule) => faults.add(rule),
      remove: (id) => faults.remove(id),
      clear: () => faults.clear(),
      list: () => faults.list(),
      dropSshConnections: (vmId) => {
        const vms = [...cloud.state.vms.values()].filter((vm) => vm.running && (vmId === undefined || vm.id === vmId));
        for (const vm of vms) vm.running?.dropSshConnections();
        return vms.length;
      },
    },
    close: () => {
      closing ??= shutDown(cloud, servers);
      return closing;
    },
  };
  return handle;
}

async function shutDown(cloud: Cloud, servers: readonly LoopbackServer[]): Promise<void> {
  await Promise.allSettled(servers.map((server) => server.close()));
  await cloud.scheduler.close();
  const stops = [...cloud.state.vms.values()].flatMap((vm) => (vm.running ? [vm.running.stop()] : []));
  const results = await Promise.allSettled(stops);
  for (const result of results)
    if (result.status === 'rejected') cloud.log.warn(`stopping a VM failed: ${String(result.reason)}`);
  // The runtime first: the store's files stay until no VM uses them.
  for (const close of [() => cloud.runtime.close(), () => cloud.store.close()]) {
    await close().catch((error: unknown) => cloud.log.warn(`cleanup failed: ${String(error)}`));
  }
}
