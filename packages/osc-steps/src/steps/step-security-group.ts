import { randomUUID } from 'node:crypto';
import type { Step, StepContext } from '@osc-packer/builder-core';
import type { CreateSecurityGroupRuleRequest } from '@osc-packer/oapi-client';
import {
  type SecurityGroupConfig,
  securityGroupIds,
  temporarySecurityGroupCidrs,
} from '../config/security-group-block';
import { securityGroupFilters } from '../config/security-group-filters';
import { buildTag } from '../journal/build-tag';
import { deleteSecurityGroup } from '../resources/delete-security-group';
import { consistencyWait, withSignal } from '../resources/resource-env';
import { notVisibleYet, refusedByApi } from './eventual-errors';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { OutscaleBuildError } from './outscale-build-error';
import { retryEventually } from './retry-eventually';
import { tagResources } from './tag-resources';

/** The inbound rule of the temporary group: the communicator port from each source range, in one call. */
export function temporaryGroupRule(
  groupId: string,
  port: number,
  cidrs: readonly string[],
): CreateSecurityGroupRuleRequest {
  return {
    SecurityGroupId: groupId,
    Flow: 'Inbound',
    Rules: [{ IpProtocol: 'tcp', FromPortRange: port, ToPortRange: port, IpRanges: [...cidrs] }],
  };
}

async function existingGroups(
  env: OscStepEnv,
  config: SecurityGroupConfig,
  netId: string | undefined,
  signal: AbortSignal,
): Promise<string[] | undefined> {
  const ids = securityGroupIds(config);
  if (ids) {
    const groups = await env.client.readAll('ReadSecurityGroups', { Filters: { SecurityGroupIds: ids } }, { signal });
    const missing = ids.filter((id) => !groups.some((group) => group.SecurityGroupId === id));
    if (missing.length > 0) {
      throw new OutscaleBuildError('network', `couldn't find specified security group: ${missing.join(', ')}`);
    }
    return ids;
  }
  if (!config.security_group_filter) return undefined;
  const Filters = securityGroupFilters(config.security_group_filter, netId ? { netId } : {});
  const groups = await env.client.readAll('ReadSecurityGroups', { Filters }, { signal });
  const found = groups.flatMap((group) => (group.SecurityGroupId ? [group.SecurityGroupId] : []));
  if (found.length === 0) {
    throw new OutscaleBuildError('network', `couldn't find security groups for filter: ${JSON.stringify(Filters)}`);
  }
  return found;
}

/** The id of the group a interrupted create may have made, found by its name (unique per Net). */
async function findGroup(
  env: OscStepEnv,
  name: string,
  netId: string | undefined,
  signal: AbortSignal,
): Promise<string | undefined> {
  const Filters = { SecurityGroupNames: [name], ...(netId ? { NetIds: [netId] } : {}) };
  const groups = await env.client.readAll('ReadSecurityGroups', { Filters }, { signal });
  return groups.find((group) => group.SecurityGroupName === name)?.SecurityGroupId;
}

/** What the temporary group's cleanup needs: its journal entry, name and Net, and its id once known. */
interface TemporaryGroup {
  entry?: string;
  name?: string;
  netId?: string;
  id?: string;
}

/**
 * Creates the temporary group in `group.netId`: journaled first, then `CreateSecurityGroup`, recorded, tagged
 * with the build, and given its one inbound rule. `group` is filled as it goes, for the cleanup.
 */
async function createTemporaryGroup(
  env: OscStepEnv,
  config: SecurityGroupConfig,
  port: number,
  group: TemporaryGroup & { name: string },
  { signal, ui }: Pick<StepContext, 'signal' | 'ui'>,
): Promise<string> {
  const cidrs = temporarySecurityGroupCidrs(config);
  ui.say(`Creating temporary security group for this instance: ${group.name}`);
  const entry = await env.journal.intend('security-group', { name: group.name, netId: group.netId });
  group.entry = entry;
  const request = {
    SecurityGroupName: group.name,
    Description: 'Temporary group for Packer',
    ...(group.netId ? { NetId: group.netId } : {}),
  };
  // Not aborted once sent: its id must reach the journal (cancellation is checked right after).
  const { SecurityGroup } = await env.client.call('CreateSecurityGroup', request).catch(async (error: unknown) => {
    if (refusedByApi(error)) {
      await env.journal.deleted(entry);
      group.entry = undefined;
    }
    throw error;
  });
  const id = SecurityGroup?.SecurityGroupId;
  if (!id) throw new Error(`CreateSecurityGroup returned no id for ${group.name}`);
  group.id = id;
  await env.journal.created(entry, id);
  signal.throwIfAborted();
  await tagResources(env, [id], [buildTag(env.buildId)], signal);
  ui.message(`Authorizing access to port ${port} from ${cidrs.join(', ')} in the temporary security group...`);
  const rule = temporaryGroupRule(id, port, cidrs);
  await retryEventually(
    `authorizing port ${port} in ${id}`,
    (s) => env.client.call('CreateSecurityGroupRule', rule, withSignal(s)),
    { retryOn: notVisibleYet, wait: consistencyWait(env, signal) },
  );
  return id;
}

/**
 * The VM's security groups (Packer's StepSecurityGroup): existing ones by id or filter, or a temporary group
 * `packer_osc_<uuid>` in the build's Net (journaled, tagged with the build) whose one rule allows the
 * communicator port from each `temporary_security_group_source_cidrs` range. Cleanup deletes the temporary
 * group, retrying while the terminating VM still holds it.
 */
export function stepSecurityGroup(
  env: OscStepEnv,
  config: SecurityGroupConfig,
  options: { port: number; uuid?: () => string },
): Step<OscBuildState> {
  const group: TemporaryGroup = {};
  return {
    name: 'security group',
    requires: ['netId'],
    provides: ['securityGroupIds'],
    async run({ signal, ui }, state) {
      const netId = state.netId ?? undefined;
      const existing = await existingGroups(env, config, netId, signal);
      if (existing) {
        ui.message(`Using security groups: ${existing.join(', ')}`);
        state.securityGroupIds = existing;
        return;
      }
      const temporary = Object.assign(group, { name: `packer_osc_${(options.uuid ?? randomUUID)()}`, netId });
      state.securityGroupIds = [await createTemporaryGroup(env, config, options.port, temporary, { signal, ui })];
    },
    async cleanup({ signal, ui }) {
      const { entry, name, netId } = group;
      if (!entry) return;
      const id = group.id ?? (name ? await findGroup(env, name, netId, signal) : undefined);
      if (!id) {
        await env.journal.deleted(entry);
        return;
      }
      ui.say('Deleting temporary security group...');
      try {
        await deleteSecurityGroup(env, id, signal);
      } catch (error) {
        throw new Error(`Error cleaning up security group. Please delete the group manually: ${id}`, { cause: error });
      }
      await env.journal.deleted(entry);
    },
  };
}
