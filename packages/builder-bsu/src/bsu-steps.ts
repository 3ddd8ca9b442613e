import { homedir as osHomedir } from 'node:os';
import { type BuildContext, provisionStep, type Step } from '@osc-packer/builder-core';
import {
  communicatorPort,
  keyPlan,
  type OscBuildState,
  type OscStepEnv,
  omiSharing,
  oscGeneratedData,
  stepCheckAuth,
  stepCleanupVolumes,
  stepClearAuthorizedKeys,
  stepConnect,
  stepCreateOmi,
  stepForceDeregister,
  stepKeepArtifact,
  stepKeypair,
  stepLinkPublicIp,
  stepNetworkInfo,
  stepPreValidate,
  stepPublicIp,
  stepRunSourceVm,
  stepSecurityGroup,
  stepShareOmi,
  stepSourceOmi,
  stepSshHost,
  stepStopVm,
  stepTagOmi,
} from '@osc-packer/osc-steps';
import type { BsuBuilderOptions } from './bsu-builder-options';
import type { BsuBuildInput } from './prepare-bsu-build';

/** What the step list needs besides the config. */
export interface BsuStepsContext {
  build: BuildContext;
  env: OscStepEnv;
  input: BsuBuildInput;
  options: BsuBuilderOptions;
  /** The encoded user data, read at run time from `user_data` or `user_data_file`. */
  userData: string | undefined;
}

/**
 * The osc-bsu steps, in Packer's order (reference §2.2) with the Go plugin's defects fixed: check auth,
 * pre-validate the name, find the source OMI, network, key pair, public IP, security group, (cleanup of
 * volumes), run the VM, link the IP, choose the SSH address, connect, provision, clear the temporary key,
 * stop, then, unless `skip_create_omi`: force-deregister, create the OMI, share, tag, keep. With
 * `skip_create_omi` the VM is not stopped (it is deleted anyway) and no name is pre-validated.
 */
export function bsuSteps({ build, env, input, options, userData }: BsuStepsContext): Step<OscBuildState>[] {
  const { config, interpolation } = input;
  const homedir = input.env.HOME || osHomedir();
  const workDir = interpolation.cwd;
  const temporaryKey = keyPlan(config).kind === 'temporary';
  const skip = config.skip_create_omi;
  return [
    stepCheckAuth(env),
    ...(skip ? [] : [stepPreValidate(env, config)]),
    stepSourceOmi(env, config),
    stepNetworkInfo(env, config),
    stepKeypair(env, config, { homedir, workDir, buildName: build.buildName, debug: build.debug }),
    stepPublicIp(env, config),
    stepSecurityGroup(env, config, { port: communicatorPort(config) }),
    stepCleanupVolumes(env),
    stepRunSourceVm(env, config, { interpolation, userData }),
    stepLinkPublicIp(env),
    stepSshHost(env, { ...config, port: communicatorPort(config) }),
    stepConnect(config, {
      homedir,
      agentSocket: input.env.SSH_AUTH_SOCK,
      resolveSshEndpoint: options.resolveSshEndpoint,
      ask: (question) => build.ui.ask(question, build.signal),
    }),
    provisionStep<OscBuildState>(build, {
      requires: ['communicator', 'vm', 'sshHost'],
      communicator: (state) => state.communicator ?? undefined,
      generatedData: (state) => oscGeneratedData(state, config, build.runUuid),
    }),
    stepClearAuthorizedKeys({ ssh_clear_authorized_keys: config.ssh_clear_authorized_keys, temporaryKey }),
    ...(skip
      ? []
      : [
          stepStopVm(env, config),
          stepForceDeregister(env, config),
          stepCreateOmi(env, config, { interpolation }),
          stepShareOmi(env, omiSharing(config)),
          stepTagOmi(env, config, { interpolation }),
          stepKeepArtifact(env),
        ]),
  ];
}
