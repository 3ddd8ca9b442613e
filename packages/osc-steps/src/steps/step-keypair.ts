import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommunicatorConfig, Step } from '@osc-packer/builder-core';
import { resolveTemplatePath } from '../config/local-files';
import { buildTag } from '../journal/build-tag';
import { deleteKeypair } from '../resources/delete-keypair';
import { refusedByApi } from './eventual-errors';
import { openSshPublicKey } from './openssh-public-key';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { tagResources } from './tag-resources';

/** Where the key step reads and writes local files. */
export interface KeypairStepOptions {
  /** `~` in `ssh_private_key_file`. */
  homedir: string;
  /** The working directory: relative key paths start there, and `-debug` saves the temporary private key there (`osc_<build name>.pem`, mode 0600). */
  workDir: string;
  buildName: string;
  debug: boolean;
  /** Makes the temporary key pair's uuid (default: random). */
  uuid?: () => string;
}

/** How the communicator authenticates (reference §2.1.1): which key pair the VM gets, and which key we hold. */
export type KeyPlan =
  | { kind: 'none'; keypairName: string | null }
  | { kind: 'key-file'; keypairName: string | null; file: string }
  | { kind: 'temporary'; keypairName: string };

/**
 * The key plan of a communicator block: no key for `communicator: none`, agent auth or a password; the key
 * file (attaching `ssh_keypair_name` when set); otherwise a temporary pair named `temporary_key_pair_name`
 * or `packer_<uuid>`.
 */
export function keyPlan(config: CommunicatorConfig, uuid: () => string = randomUUID): KeyPlan {
  const existing = config.ssh_keypair_name || null;
  if (config.communicator === 'none') return { kind: 'none', keypairName: existing };
  if (config.ssh_private_key_file)
    return { kind: 'key-file', keypairName: existing, file: config.ssh_private_key_file };
  if (config.ssh_agent_auth || existing) return { kind: 'none', keypairName: existing };
  if (config.temporary_key_pair_name) return { kind: 'temporary', keypairName: config.temporary_key_pair_name };
  if (config.ssh_password || config.winrm_password) return { kind: 'none', keypairName: null };
  return { kind: 'temporary', keypairName: `packer_${uuid()}` };
}

function debugKeyFile(options: KeypairStepOptions): string {
  return join(options.workDir, `osc_${options.buildName.replace(/[^A-Za-z0-9._-]/g, '_')}.pem`);
}

/**
 * The key pair of the VM (Packer's StepKeyPair). A temporary pair is journaled before `CreateKeypair`, its
 * private key kept in memory and registered as a secret (with `-debug` also written to
 * `osc_<build name>.pem`, 0600, removed at cleanup), tagged with the build when the API takes keypair tags,
 * and deleted at cleanup. A key file is read, never sent anywhere.
 */
export function stepKeypair(
  env: OscStepEnv,
  config: CommunicatorConfig,
  options: KeypairStepOptions,
): Step<OscBuildState> {
  let entry: string | undefined;
  let created: string | undefined;
  let debugFile: string | undefined;
  return {
    name: 'key pair',
    provides: ['keypairName', 'privateKey', 'publicKey'],
    async run({ signal, ui, log }, state) {
      const plan = keyPlan(config, options.uuid);
      state.keypairName = plan.keypairName;
      state.privateKey = null;
      state.publicKey = null;
      if (plan.kind === 'key-file') {
        const path = resolveTemplatePath(plan.file, { cwd: options.workDir, homedir: options.homedir });
        const key = await readFile(path, 'utf8');
        env.secrets.add(key);
        state.privateKey = key;
        state.publicKey =
          openSshPublicKey(key) ??
          (await readFile(`${path}.pub`, 'utf8').then(
            (text) => text.trim(),
            () => null,
          ));
        return;
      }
      if (plan.kind === 'none') {
        if (plan.keypairName) ui.say(`Using existing key pair ${plan.keypairName}`);
        return;
      }
      ui.say(`Creating temporary key pair: ${plan.keypairName}`);
      entry = await env.journal.intend('keypair', { name: plan.keypairName });
      // Set before the call: a failed create may still have made the pair, and it is deleted by name. Creates
      // are not aborted once sent (cancellation is checked right after): their result must reach the journal.
      created = plan.keypairName;
      const { Keypair } = await env.client
        .call('CreateKeypair', { KeypairName: plan.keypairName })
        .catch(async (error: unknown) => {
          // Refused (e.g. the name is taken): nothing of ours to delete, and a pair of that name is not ours.
          if (refusedByApi(error) && entry) {
            await env.journal.deleted(entry);
            created = undefined;
          }
          throw error;
        });
      await env.journal.created(entry, Keypair?.KeypairId ?? plan.keypairName);
      const privateKey = (Keypair?.PrivateKey ?? '').replace(/\\n/g, '\n');
      if (!privateKey) throw new Error(`CreateKeypair returned no private key for ${plan.keypairName}`);
      env.secrets.add(privateKey);
      state.privateKey = privateKey;
      state.publicKey = openSshPublicKey(privateKey, plan.keypairName) ?? null;
      signal.throwIfAborted();
      if (Keypair?.KeypairId) {
        // Not every API version takes tags on key pairs; the journal records the pair either way.
        await tagResources(env, [Keypair.KeypairId], [buildTag(env.buildId)], signal).catch((error: unknown) =>
          log.info(`key pair ${plan.keypairName} not tagged: ${error instanceof Error ? error.message : error}`),
        );
      }
      if (options.debug) {
        debugFile = debugKeyFile(options);
        ui.message(`Saving key for debug purposes: ${debugFile}`);
        await writeFile(debugFile, privateKey, { mode: 0o600 });
      }
    },
    async cleanup({ signal, ui }) {
      if (debugFile) await rm(debugFile, { force: true });
      if (!created || !entry) return;
      ui.say('Deleting temporary key pair...');
      try {
        await deleteKeypair(env, created, signal);
      } catch (error) {
        throw new Error(`Error cleaning up keypair. Please delete the key manually: ${created}`, { cause: error });
      }
      await env.journal.deleted(entry);
    },
  };
}
