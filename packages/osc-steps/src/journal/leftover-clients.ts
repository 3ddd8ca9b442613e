import type { OapiClient } from '@osc-packer/oapi-client';
import type { JournalTarget } from './journal-document';

/** The account of each client, read once (ReadAccounts). */
export class ClientAccounts {
  readonly #accounts = new Map<OapiClient, Promise<string>>();
  readonly #signal: AbortSignal | undefined;

  constructor(signal?: AbortSignal) {
    this.#signal = signal;
  }

  /** The account id of the client's keys (empty when the API names none); rejects when it cannot be read. */
  of(client: OapiClient): Promise<string> {
    let account = this.#accounts.get(client);
    if (!account) {
      account = client
        .call('ReadAccounts', {}, this.#signal ? { signal: this.#signal } : {})
        .then(({ Accounts = [] }) => Accounts[0]?.AccountId ?? '');
      this.#accounts.set(client, account);
      // A failed read is not remembered: the next journal asks again.
      account.catch(() => this.#accounts.delete(client));
    }
    return account;
  }
}

function sameTarget(client: OapiClient, target: JournalTarget): boolean {
  const strip = (url: string) => url.replace(/\/+$/, '');
  return strip(client.endpoint.href) === strip(target.endpoint) && client.region === target.region;
}

/** The client to examine a journal with, or why there is none. */
export type ClientChoice = { client: OapiClient } | { skipped: string };

/**
 * Picks the client of a journal's endpoint and Region, and of its account when the journal knows it (several
 * clients may reach one endpoint with the keys of different accounts).
 */
export async function clientForTarget(
  clients: readonly OapiClient[],
  target: JournalTarget,
  accounts: ClientAccounts,
): Promise<ClientChoice> {
  const candidates = clients.filter((client) => sameTarget(client, target));
  if (candidates.length === 0) {
    return {
      skipped: `no credentials given for ${target.endpoint} (Region ${target.region}; credentials came from ${target.credentialSource})`,
    };
  }
  const [first] = candidates;
  if (!target.accountId && first) return { client: first };
  const seen: string[] = [];
  for (const client of candidates) {
    const account = await accounts.of(client);
    if (account === target.accountId) return { client };
    seen.push(account);
  }
  return {
    skipped: `its resources are in account ${target.accountId}, but these credentials are for account ${[...new Set(seen)].join(', ')}`,
  };
}

/** One client per distinct account and endpoint (for tag sweeps without a journal). */
export async function distinctClients(clients: readonly OapiClient[], accounts: ClientAccounts): Promise<OapiClient[]> {
  const seen = new Set<string>();
  const out: OapiClient[] = [];
  for (const client of clients) {
    const key = `${client.endpoint.href} ${client.region} ${await accounts.of(client)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(client);
  }
  return out;
}
