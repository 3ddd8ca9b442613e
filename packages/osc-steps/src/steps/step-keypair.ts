import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommunicatorConfig, Step, StepContext } from '@osc-packer/builder-core';
import { resolveTemplatePath } from '../config/local-files';
import { buildTag } from '../journal/build-tag';
import { deleteKeypair } from '../resources/delete-keypair';
import { refusedByApi } from './eventual-errors';
import { openSshPublicKey } from './openssh-public-key';
import type { OscBuildState } from './osc-build-state';
import type { OscStepEnv } from './osc-step-env';
import { tagResources } from './tag-resources';
import { type LocalKeyMaterial, temporaryKeyMaterial } from './temporary-key-material';

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

/** A key file's private key, and its public key (derived, or from `<file>.pub`; null when neither works). */
async function readKeyFile(path: string): Promise<{ privateKey: string; publicKey: string | null }> {
  const privateKey = await readFile(path, 'utf8');
  const derived = openSshPublicKey(privateKey);
  if (derived) return { privateKey, publicKey: derived };
  const publicKey = await readFile(`${path}.pub`, 'utf8').then(
    (text) => text.trim(),
    () => null,
  );
  return { privateKey, publicKey };
}

/** The temporary pair's keys: generated here, or the API's (whose PEM may come with `\\n` escapes). */
function keyOf(
  local: LocalKeyMaterial | undefined,
  apiPrivateKey: string | undefined,
  name: string,
): { privateKey: string; publicKey: string | null } {
  if (local) return { privateKey: local.privateKey, publicKey: `${local.publicKey} ${name}` };
  const privateKey = (apiPrivateKey ?? '').replace(/\\n/g, '\n');
  if (!privateKey) throw new Error(`CreateKeypair returned no private key for ${name}`);
  return { privateKey, publicKey: openSshPublicKey(privateKey, name) ?? null };
}

function debugKeyFile(options: KeypairStepOptions): string {
  return join(options.workDir, `osc_${options.buildName.replace(/[^A-Za-z0-9._-]/g, '_')}.pem`);
}

/** What a temporary pair's cleanup needs: its journal entry, and its name once the create call may have made it. */
interface TemporaryPair {
  entry?: string;
  name?: string;
}

/**
 * Creates the temporary pair `name`: journaled first, then `CreateKeypair` (importing the public half of a
 * key made here, if any), then recorded and tagged. `pair` is filled as it goes, for the cleanup. Returns the
 * keys; the private one is registered as a secret before anything else can print it.
 */
async function createTemporaryPair(
  env: OscStepEnv,
  config: CommunicatorConfig,
  name: string,
  pair: TemporaryPair,
  { signal, log }: Pick<StepContext, 'signal' | 'log'>,
): Promise<{ privateKey: string; publicKey: string | null }> {
  const local = await temporaryKeyMaterial(config.temporary_key_pair_type, config.temporary_key_pair_bits);
  const entry = await env.journal.intend('keypair', { name });
  pair.entry = entry;
  // Set before the call: a failed create may still have made the pair, and it is deleted by name. Creates are
  // not aborted once sent (cancellation is checked right after): their result must reach the journal.
  pair.name = name;
  const request = {
    KeypairName: name,
    ...(local ? { PublicKey: Buffer.from(local.publicKey).toString('base64') } : {}),
  };
  const { Keypair } = await env.client.call('CreateKeypair', request).catch(async (error: unknown) => {
    // Refused (e.g. the name is taken): nothing of ours to delete, and a pair of that name is not ours.
    if (refusedByApi(error)) {
      await env.journal.deleted(entry);
      pair.name = undefined;
    }
    throw error;
  });
  await env.journal.created(entry, Keypair?.KeypairId ?? name);
  const key = keyOf(local, Keypair?.PrivateKey, name);
  env.secrets.add(key.privateKey);
  signal.throwIfAborted();
  if (Keypair?.KeypairId) {
    // Not every API version takes tags on key pairs; the journal records the pair either way.
    await tagResources(env, [Keypair.KeypairId], [buildTag(env.buildId)], signal).catch((error: unknown) =>
      log.info(`key pair ${name} not tagged: ${error instanceof Error ? error.message : error}`),
    );
  }
  return key;
}

/**
 * The key pair of the VM (Packer's StepKeyPair). A temporary pair is journaled before `CreateKeypair`
 * (generated by the API, or here and imported when `temporary_key_pair_type`/`_bits` ask for another kind
 * than 2048-bit RSA: the Go plugin ignored them), its private key kept in memory and registered as a secret
 * (with `-debug` also written to `osc_<build name>.pem`, 0600, removed at cleanup), tagged with the build when
 * the API takes keypair tags, and deleted at cleanup. A key file is read, never sent anywhere.
 */
export function stepKeypair(
  env: OscStepEnv,
  config: CommunicatorConfig,
  options: KeypairStepOptions,
): Step<OscBuildState> {
  const pair: TemporaryPair = {};
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
        const key = await readKeyFile(
          resolveTemplatePath(plan.file, { cwd: options.workDir, homedir: options.homedir }),
        );
        env.secrets.add(key.privateKey);
        Object.assign(state, key);
        return;
      }
      if (plan.kind === 'none') {
        if (plan.keypairName) ui.say(`Using existing key pair ${plan.keypairName}`);
        return;
      }
      ui.say(`Creating temporary key pair: ${plan.keypairName}`);
      const key = await createTemporaryPair(env, config, plan.keypairName, pair, { signal, log });
      Object.assign(state, key);
      if (options.debug) {
        debugFile = debugKeyFile(options);
        ui.message(`Saving key for debug purposes: ${debugFile}`);
        await writeFile(debugFile, key.privateKey, { mode: 0o600 });
      }
    },
    async cleanup({ signal, ui }) {
      try {
        const { entry, name } = pair;
        if (!name || !entry) return;
        ui.say('Deleting temporary key pair...');
        try {
          await deleteKeypair(env, name, signal);
        } catch (error) {
          throw new Error(`Error cleaning up keypair. Please delete the key manually: ${name}`, { cause: error });
        }
        await env.journal.deleted(entry);
      } finally {
        // The saved private key goes whatever happened to the pair.
        if (debugFile) await rm(debugFile, { force: true });
      }
    },
  };
}
