import { ZodError } from 'zod';
import type { PlainAnswer } from '../api/http-server';
import type { Cloud } from '../engine/cloud';
import type { FaultInjector } from '../faults/fault-injector';
import { faultRuleSchema } from '../faults/fault-rule';
import { manifestDocument, manifestPathPrefix } from '../operations/image-export-operations';
import type { CallStats } from '../stats/call-stats';
import { inventory, sshAddresses, sshEndpointOf } from './inventory';

const json = (status: number, value: unknown): PlainAnswer => ({
  status,
  contentType: 'application/json',
  body: `${JSON.stringify(value, null, 2)}\n`,
});

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8') || 'null');
  } catch {
    return undefined;
  }
}

function addFaults(faults: FaultInjector, body: Buffer): PlainAnswer {
  const parsed = parseJson(body);
  const rules = Array.isArray(parsed)
    ? parsed
    : typeof parsed === 'object' && parsed !== null && 'faults' in parsed
      ? (parsed as { faults: unknown }).faults
      : [parsed];
  try {
    const checked = (Array.isArray(rules) ? rules : [rules]).map((rule) => faultRuleSchema.parse(rule));
    return json(200, { ids: checked.map((rule) => faults.add(rule)) });
  } catch (error) {
    const message =
      error instanceof ZodError ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) : String(error);
    return json(400, { error: 'invalid fault rule', issues: message });
  }
}

/**
 * The endpoints outside `/api/v1`, for tests, benchmarks and people watching a build:
 * `GET /local-cloud/stats`, `GET /local-cloud/inventory`, `GET /local-cloud/ssh-endpoints`,
 * `GET|POST|DELETE /local-cloud/faults[/<id>]`, `POST /local-cloud/vms/<id>/drop-ssh`, and the exported
 * manifests under `/local-cloud/oos/`.
 */
export function adminRoute(cloud: Cloud, stats: CallStats) {
  return async (method: string, url: URL, body: Buffer): Promise<PlainAnswer | undefined> => {
    const path = url.pathname.replace(/\/+$/, '');
    if (path.startsWith(manifestPathPrefix) && method === 'GET') {
      const document = manifestDocument(cloud, url.pathname);
      return document === undefined
        ? json(404, { error: 'no such object' })
        : { status: 200, contentType: 'application/json', body: document };
    }
    if (path === '/local-cloud/stats' && method === 'GET') return json(200, stats.snapshot());
    if (path === '/local-cloud/inventory' && method === 'GET') return json(200, inventory(cloud));
    if (path === '/local-cloud/ssh-endpoints' && method === 'GET') {
      // A running VM whose machine is down for a moment (a reboot) keeps its endpoint, as sshEndpointOf says.
      const endpoints = [...cloud.state.vms.values()].flatMap((vm) => {
        const ssh = vm.launchPublicIp ? sshEndpointOf(cloud, vm.launchPublicIp) : undefined;
        return ssh ? [{ vmId: vm.id, addresses: sshAddresses(vm).map((ip) => `${ip}:22`), ssh }] : [];
      });
      return json(200, { endpoints });
    }
    if (path === '/local-cloud/faults') {
      if (method === 'GET') return json(200, { faults: cloud.faults.list() });
      if (method === 'POST') return addFaults(cloud.faults, body);
      if (method === 'DELETE') {
        cloud.faults.clear();
        return json(200, { cleared: true });
      }
    }
    const fault = /^\/local-cloud\/faults\/([\w-]+)$/.exec(path);
    if (fault?.[1] && method === 'DELETE') return json(cloud.faults.remove(fault[1]) ? 200 : 404, { id: fault[1] });
    const drop = /^\/local-cloud\/vms\/(i-[0-9a-f]{8})\/drop-ssh$/.exec(path);
    if (drop?.[1] && method === 'POST') {
      const running = cloud.state.vms.get(drop[1])?.running;
      running?.dropSshConnections();
      return json(running ? 200 : 404, { vmId: drop[1], dropped: running !== undefined });
    }
    return undefined;
  };
}
