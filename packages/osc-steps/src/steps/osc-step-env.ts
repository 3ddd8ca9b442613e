import type { SecretRegistry } from '@osc-packer/builder-core';
import type { OapiClient } from '@osc-packer/oapi-client';
import type { ResourceJournal } from '../journal/resource-journal';
import type { ResourceEnv } from '../resources/resource-env';

/**
 * What the shared Outscale steps need besides their config and the build state: the build's one client
 * (one rate limit and connection pool for every call, reference §9.30), how to poll and how long to retry
 * eventual consistency (`ResourceEnv`), its journal, and where to register secrets. Made once per build by
 * the builder.
 */
export interface OscStepEnv extends ResourceEnv {
  readonly journal: ResourceJournal;
  /** The build id the temporary resources are tagged with (`osc-packer:build-id`). */
  readonly buildId: string;
  /** Secrets found during the build (the temporary private key): scrubbed from every output. */
  readonly secrets: SecretRegistry;
  /** The account id of the credentials (ReadAccounts, asked once). */
  accountId(signal?: AbortSignal): Promise<string>;
}

/** Options of {@link createOscStepEnv}. */
export interface OscStepEnvOptions {
  client: OapiClient;
  journal: ResourceJournal;
  waiter?: OscStepEnv['waiter'];
  consistencyTimeoutMs?: number;
  secrets: SecretRegistry;
}

/** Makes the step environment of a build; the account id is read once and recorded in the journal. */
export function createOscStepEnv(options: OscStepEnvOptions): OscStepEnv {
  let account: Promise<string> | undefined;
  const readAccount = async (signal?: AbortSignal): Promise<string> => {
    const { Accounts = [] } = await options.client.call('ReadAccounts', {}, signal ? { signal } : {});
    const id = Accounts[0]?.AccountId;
    if (!id) throw new Error('ReadAccounts returned no account: cannot tell which account the credentials belong to');
    await options.journal.setAccountId(id);
    return id;
  };
  return {
    client: options.client,
    journal: options.journal,
    buildId: options.journal.buildId,
    waiter: options.waiter ?? {},
    ...(options.consistencyTimeoutMs === undefined ? {} : { consistencyTimeoutMs: options.consistencyTimeoutMs }),
    secrets: options.secrets,
    accountId(signal) {
      account ??= readAccount(signal).catch((error: unknown) => {
        account = undefined;
        throw error;
      });
      return account;
    },
  };
}
