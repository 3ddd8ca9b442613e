import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BuildContext, CoreBuilder } from '@osc-packer/builder-core';
import {
  createOscStepEnv,
  encodeUserData,
  type OscBuildState,
  oscGeneratedData,
  ResourceJournal,
} from '@osc-packer/osc-steps';
import type { BsuBuilderOptions } from './bsu-builder-options';
import { bsuSteps } from './bsu-steps';
import { builderId, builderTypeNames } from './builder-identity';
import { OmiArtifact } from './omi-artifact';
import { openOutscale } from './open-outscale';
import { type BsuBuildInput, prepareBsuBuild } from './prepare-bsu-build';

async function userDataOf(input: BsuBuildInput): Promise<string | undefined> {
  const { config } = input;
  if (config.user_data) return encodeUserData(config.user_data, config.user_data_base64);
  if (!config.user_data_file) return undefined;
  const content = await readFile(resolve(input.interpolation.cwd, config.user_data_file));
  return encodeUserData(content, config.user_data_base64);
}

function artifactData(state: OscBuildState, input: BsuBuildInput, runUuid: string) {
  // The artifact outlives the build: it keeps no key or password (the OMI may still trust the temporary key).
  const { SSHPrivateKey: _key, Password: _password, ...data } = oscGeneratedData(state, input.config, runUuid);
  return data;
}

async function runBsu(context: BuildContext, input: BsuBuildInput, options: BsuBuilderOptions) {
  const { config } = input;
  const { access, openClient } = await openOutscale(context, input, options);
  const userData = await userDataOf(input);
  const journal = await ResourceJournal.open({
    dir: options.journalDir,
    runUuid: context.runUuid,
    buildName: context.buildName,
    builderType: context.builderType,
    templatePath: input.templatePath,
    target: {
      endpoint: access.endpoint.href,
      region: access.region,
      credentialSource: access.credentials.source,
      ...(config.profile ? { profile: config.profile } : {}),
    },
  });
  const client = openClient();
  const env = createOscStepEnv({
    client,
    journal,
    waiter: { ...input.waiter, ...options.waiterOptions },
    ...(options.consistencyTimeoutMs === undefined ? {} : { consistencyTimeoutMs: options.consistencyTimeoutMs }),
    secrets: context.secrets,
  });
  const state: OscBuildState = {};
  try {
    await context.runSteps(bsuSteps({ build: context, env, input, options, userData }), state);
  } finally {
    await finishJournal(context, journal);
    await client.close();
  }
  const omi = state.omi;
  if (config.skip_create_omi || !omi?.ImageId) return undefined;
  return new OmiArtifact({
    builderId,
    region: access.region,
    imageId: omi.ImageId,
    snapshotIds: state.snapshotIds ?? [],
    sourceImageId: state.sourceImage?.ImageId ?? '',
    generatedData: artifactData(state, input, context.runUuid),
    openClient,
  });
}

async function finishJournal(context: BuildContext, journal: ResourceJournal): Promise<void> {
  const left = await journal.finish().catch((error: unknown) => {
    context.ui.error(`Could not update the resource journal: ${error instanceof Error ? error.message : error}`);
    return [];
  });
  if (left.length === 0) return;
  const names = left.map((entry) => `${entry.kind} ${entry.id ?? entry.name ?? '(id unknown)'}`).join(', ');
  const where = journal.file ? ` (recorded in ${journal.file})` : '';
  context.ui.error(`Resources may be left behind: ${names}${where}; run "osc-packer cleanup" to delete them`);
}

/**
 * The osc-bsu builder (type `osc-bsu`; the cli registers it under `outscale-bsu` too): `prepare` is
 * `prepareBsuConfig` plus the waiter settings of the environment; `run` resolves access (printing Region,
 * endpoint and credential source), opens one rate-limited client for the build, journals every temporary
 * resource, runs the osc-bsu steps through `context.runSteps`, and returns the OMI artifact (undefined with
 * `skip_create_omi`).
 */
export function createBsuBuilder(options: BsuBuilderOptions = {}): CoreBuilder<BsuBuildInput> {
  return {
    type: builderTypeNames[0],
    prepare: prepareBsuBuild,
    run: (context, input) => runBsu(context, input, options),
  };
}
