import type { Step } from '@osc-packer/builder-core';
import type { Subnet } from '@osc-packer/oapi-client';
import type { NetworkConfig } from '../config/network-block';
import { netFilters, subnetFilters } from '../config/network-filters';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { OutscaleBuildError } from './outscale-build-error';
import { chooseSubnet } from './subnet-choice';

async function findNet(env: OscStepEnv, config: NetworkConfig, signal: AbortSignal): Promise<string | undefined> {
  if (config.net_id) return config.net_id;
  if (!config.net_filter) return undefined;
  const Filters = netFilters(config.net_filter);
  const nets = await env.client.readAll('ReadNets', { Filters }, { signal });
  if (nets.length !== 1) {
    const ids = nets.map((net) => `${net.NetId} (${net.IpRange})`).join(', ');
    throw new OutscaleBuildError(
      'network',
      `exactly one NET should match the filter, but ${nets.length} NET's was found matching filters: ${JSON.stringify(Filters)}${ids ? `: ${ids}` : ''}`,
    );
  }
  return nets[0]?.NetId;
}

async function findSubnet(
  env: OscStepEnv,
  config: NetworkConfig,
  scope: { netId: string | undefined; subregionName: string | undefined },
  signal: AbortSignal,
  pick: (() => number) | undefined,
): Promise<Subnet | undefined> {
  if (config.subnet_id) {
    const subnets = await env.client.readAll('ReadSubnets', { Filters: { SubnetIds: [config.subnet_id] } }, { signal });
    const subnet = subnets.find((candidate) => candidate.SubnetId === config.subnet_id);
    if (!subnet) {
      throw new OutscaleBuildError('network', `subnet_id ${config.subnet_id} was not found in this account and Region`);
    }
    return subnet;
  }
  if (!config.subnet_filter) return undefined;
  const Filters = subnetFilters(config.subnet_filter, scope);
  const subnets = await env.client.readAll('ReadSubnets', { Filters }, { signal });
  return chooseSubnet(subnets, {
    mostFree: config.subnet_filter.most_free,
    random: config.subnet_filter.random,
    filters: Filters,
    ...(pick ? { pick } : {}),
  });
}

/**
 * Works out where the VM runs (Packer's StepNetworkInfo): the Net (`net_id` or exactly one match of
 * `net_filter`, available ones only), the Subnet (`subnet_id`, or `subnet_filter` restricted to that Net,
 * the Subregion and available Subnets, with `most_free`/`random`), and the Subregion (set, or the Subnet's).
 */
export function stepNetworkInfo(
  env: OscStepEnv,
  config: NetworkConfig,
  options: { random?: () => number } = {},
): Step<OscBuildState> {
  return {
    name: 'network info',
    provides: ['netId', 'subnetId', 'subregionName'],
    async run({ signal, ui }, state) {
      let netId = await findNet(env, config, signal);
      let subregionName = config.subregion_name || undefined;
      const subnet = await findSubnet(env, config, { netId, subregionName }, signal, options.random);
      if (subnet) {
        if (netId && subnet.NetId && subnet.NetId !== netId) {
          throw new OutscaleBuildError(
            'network',
            `subnet ${subnet.SubnetId} belongs to Net ${subnet.NetId}, not to the chosen Net ${netId}`,
          );
        }
        netId ??= subnet.NetId;
        subregionName ??= subnet.SubregionName;
        ui.message(`Using Subnet ${subnet.SubnetId} of Net ${subnet.NetId} in ${subnet.SubregionName}`);
      } else if (netId) {
        // A VM outside the Net could not use the Net's security group: CreateVms would refuse it later.
        throw new OutscaleBuildError(
          'network',
          `the Net ${netId} is chosen but no Subnet of it: set subnet_id or subnet_filter (the VM runs in a Subnet of the Net)`,
        );
      }
      state.netId = netId ?? null;
      state.subnetId = subnet?.SubnetId ?? null;
      state.subregionName = subregionName ?? null;
    },
  };
}
