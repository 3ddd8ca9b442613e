import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import type { Keypair } from '@osc-packer/oapi-client';
import { errors } from '../api/errors';
import type { CallContext, OperationDefinition } from '../api/operation';
import { optionalString, requiredString } from '../api/params';
import type { Cloud } from '../engine/cloud';
import { parsePublicKey, publicKeyOfPrivate, type SshPublicKey } from '../keys/ssh-public-key';
import { byCreation, callerOf, isVisible, newRecordBase } from '../model/access';
import type { KeypairRecord } from '../model/records';
import { presentTags } from '../present/common';
import { applyFilters, type FilterTable, tagFilters } from '../query/filters';
import { paginate } from '../query/pagination';
import { defineOperation } from './define-operation';

const generate = promisify(generateKeyPair);

const keypairFilters: FilterTable<KeypairRecord> = {
  KeypairFingerprints: { type: 'strings', values: (k) => [k.fingerprint] },
  KeypairIds: { type: 'strings', values: (k) => [k.id] },
  KeypairNames: { type: 'strings', wildcard: true, values: (k) => [k.name] },
  KeypairTypes: { type: 'strings', values: (k) => [k.keypairType] },
  ...tagFilters((k: KeypairRecord) => k.tags),
};

function presentKeypair(keypair: KeypairRecord): Keypair {
  return {
    KeypairId: keypair.id,
    KeypairName: keypair.name,
    KeypairFingerprint: keypair.fingerprint,
    KeypairType: keypair.keypairType,
    Tags: presentTags(keypair, keypair.accountId),
  };
}

/** The caller's keypair with this name, if any. */
export function findKeypairByName(cloud: Cloud, context: CallContext, name: string): KeypairRecord | undefined {
  const accountId = callerOf(context).accountId;
  return [...cloud.state.keypairs.values()].find(
    (keypair) => keypair.accountId === accountId && keypair.name === name && isVisible(keypair, context.now),
  );
}

// Imported keys arrive base64-encoded (the spec's PublicKey); a plain OpenSSH line is accepted too.
function importedKey(text: string): SshPublicKey {
  const decoded = /^[A-Za-z0-9+/=\s]+$/.test(text) ? Buffer.from(text, 'base64').toString('utf8') : text;
  const key = parsePublicKey(decoded) ?? parsePublicKey(text);
  if (!key)
    throw errors.invalidParameterValue('PublicKey', `${text.slice(0, 16)}...`, '4032', 'It is not a public key.');
  return key;
}

/** CreateKeypair, DeleteKeypair, ReadKeypairs. */
export function keypairOperations(cloud: Cloud): OperationDefinition[] {
  return [
    defineOperation('CreateKeypair', ['KeypairName', 'PublicKey'], async (context, body) => {
      const account = callerOf(context);
      const name = requiredString(body, 'KeypairName');
      if (name.length > 255 || !/^[\x20-\x7e]+$/.test(name))
        throw errors.invalidParameterValue('KeypairName', name, '4035');
      const publicKeyText = optionalString(body, 'PublicKey');
      let privateKey: string | undefined;
      let key: SshPublicKey;
      if (publicKeyText !== undefined) key = importedKey(publicKeyText);
      else {
        const pair = await generate('rsa', {
          modulusLength: 2048,
          publicKeyEncoding: { type: 'spki', format: 'pem' },
          privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
        });
        privateKey = pair.privateKey;
        key = publicKeyOfPrivate(privateKey);
      }
      // Unique on the write path even while a new keypair is not yet visible to reads (see checkName of images).
      const taken = [...cloud.state.keypairs.values()].some(
        (k) => k.accountId === account.accountId && k.name === name,
      );
      if (taken) {
        throw errors.conflict('9011', `The keypair '${name}' already exists.`);
      }
      const keypair: KeypairRecord = {
        ...newRecordBase(cloud, 'keypair', account),
        name,
        fingerprint: key.fingerprint,
        keypairType: key.type,
        publicKey: key.openSsh,
      };
      cloud.state.keypairs.set(keypair.id, keypair);
      return { Keypair: { ...presentKeypair(keypair), ...(privateKey ? { PrivateKey: privateKey } : {}) } };
    }),
    defineOperation('DeleteKeypair', ['KeypairName', 'KeypairId'], (context, body) => {
      const name = optionalString(body, 'KeypairName');
      const id = optionalString(body, 'KeypairId');
      if (name === undefined && id === undefined) throw errors.missingParameter('KeypairName');
      const accountId = callerOf(context).accountId;
      const keypair =
        id !== undefined
          ? [...cloud.state.keypairs.values()].find((k) => k.id === id && k.accountId === accountId)
          : findKeypairByName(cloud, context, name ?? '');
      if (!keypair || !isVisible(keypair, context.now) || (name !== undefined && keypair.name !== name)) {
        throw errors.notFound('keypair', name ?? id ?? '');
      }
      cloud.state.keypairs.delete(keypair.id);
      return {};
    }),
    defineOperation('ReadKeypairs', ['Filters', 'NextPageToken', 'ResultsPerPage'], (context, body) => {
      const accountId = callerOf(context).accountId;
      const mine = byCreation(cloud.state.keypairs.values()).filter(
        (keypair) => keypair.accountId === accountId && isVisible(keypair, context.now),
      );
      const page = paginate(applyFilters(mine, body.Filters, keypairFilters), context.operation, body, 100);
      return { Keypairs: page.items.map(presentKeypair), NextPageToken: page.nextPageToken };
    }),
  ];
}
