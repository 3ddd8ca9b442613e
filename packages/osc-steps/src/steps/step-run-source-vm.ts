import { randomUUID } from 'node:crypto';
import type { InterpolationContext, Step } from '@osc-packer/builder-core';
import { waitForVmState } from '@osc-packer/oapi-client';
import { renderMapWithBuildInfo } from '../config/build-info';
import { buildTag } from '../journal/build-tag';
import { deleteVm } from '../resources/delete-vm';
import { waitOptions } from '../resources/resource-env';
import { createVmsRequest, type VmRequestConfig, vmTags } from './create-vms-request';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { OutscaleBuildError } from './outscale-build-error';
import { tagList, tagResources } from './tag-resources';

/** The launch keys of the source VM, tags included (rendered during the build). */
export type RunSourceVmConfig = VmRequestConfig & {
  run_tags?: Readonly<Record<string, string>> | undefined;
  run_volume_tags?: Readonly<Record<string, string>> | undefined;
};

/** Options of {@link stepRunSourceVm}. */
export interface RunSourceVmOptions {
  /** The build's interpolation context, to render `run_tags` and `run_volume_tags` with the build data. */
  interpolation: InterpolationContext;
  /** The encoded user data (from `user_data` or `user_data_file`), if any. */
  userData?: string | undefined;
  clientToken?: () => string;
}

async function findByClientToken(env: OscStepEnv, token: string, signal: AbortSignal): Promise<string | undefined> {
  const vms = await env.client.readAll('ReadVms', { Filters: { ClientTokens: [token] } }, { signal });
  return vms.find((vm) => vm.State !== 'terminated')?.VmId;
}

/**
 * Launches the source VM (Packer's StepRunSourceVm): CreateVms with a journaled ClientToken, waits until it
 * runs (a named, bounded waiter that fails at once on `terminated`), tags it with `run_tags` and every one of
 * its volumes with `run_volume_tags` (the Go plugin tagged the first only), both with the build tag. Cleanup
 * deletes the VM (found by its ClientToken if the create was interrupted) and waits until it is terminated.
 */
export function stepRunSourceVm(
  env: OscStepEnv,
  config: RunSourceVmConfig,
  options: RunSourceVmOptions,
): Step<OscBuildState> {
  const clientToken = (options.clientToken ?? randomUUID)();
  let entry: string | undefined;
  let vmId: string | undefined;
  return {
    name: 'run source VM',
    requires: ['sourceImage', 'buildInfo', 'subnetId', 'subregionName', 'keypairName', 'securityGroupIds'],
    provides: ['vm', 'launchVolumeIds'],
    async run({ signal, ui }, state) {
      const request = createVmsRequest(config, state, { clientToken, userData: options.userData });
      const info = state.buildInfo;
      if (!info) throw new Error('run source VM: no build data');
      const runTags = vmTags(renderMapWithBuildInfo(config.run_tags, options.interpolation, info));
      const volumeTags = renderMapWithBuildInfo(config.run_volume_tags, options.interpolation, info);
      ui.say('Launching a source OUTSCALE vm...');
      entry = await env.journal.intend('vm', { clientToken });
      // Not aborted once sent: its id must reach the journal (cancellation is checked right after).
      const { Vms = [] } = await env.client.call('CreateVms', request);
      vmId = Vms[0]?.VmId;
      if (!vmId) throw new Error('CreateVms returned no VM');
      await env.journal.created(entry, vmId);
      signal.throwIfAborted();
      ui.message(`Vm ID: ${vmId}`);
      ui.say(`Waiting for vm (${vmId}) to become ready...`);
      const vm = await waitForVmState(env.client, vmId, 'running', waitOptions(env, signal)).catch((error: unknown) => {
        if (signal.aborted) throw error;
        throw new OutscaleBuildError('invalid-state', `error waiting for vm (${vmId}) to become ready`, {
          cause: error,
        });
      });
      state.vm = vm;
      const volumeIds = (vm.BlockDeviceMappings ?? []).flatMap((mapping) =>
        mapping.Bsu?.VolumeId ? [mapping.Bsu.VolumeId] : [],
      );
      state.launchVolumeIds = volumeIds;
      for (const id of volumeIds) await env.journal.adopt('volume', id, { parentId: vmId });
      const build = buildTag(env.buildId);
      await tagResources(env, [vmId], [...tagList(runTags), build], signal);
      await tagResources(env, volumeIds, [...tagList(volumeTags), build], signal);
    },
    async cleanup({ signal, ui }) {
      if (!entry) return;
      const id = vmId ?? (await findByClientToken(env, clientToken, signal));
      if (id) {
        ui.say(`Terminating the source OUTSCALE vm ${id}...`);
        await deleteVm(env, id, signal);
      }
      await env.journal.deleted(entry);
    },
  };
}
