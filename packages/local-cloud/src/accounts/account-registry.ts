import { randomBytes, randomInt } from 'node:crypto';

/** An account of the local cloud, with its one access key. */
export interface Account {
  accountId: string;
  alias: string;
  accessKey: string;
  secretKey: string;
  email: string;
}

/** How an account is configured at start; missing fields are generated. */
export interface AccountOptions {
  alias?: string;
  accessKey?: string;
  secretKey?: string;
  accountId?: string;
}

/** The account that owns the public catalog, as on Outscale (alias `Outscale`). It has no usable keys. */
export const catalogAccountAlias = 'Outscale';
const catalogAccountId = '115784839318';

const keyAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const secretAlphabet = `${keyAlphabet}abcdefghijklmnopqrstuvwxyz`;

function randomString(alphabet: string, length: number, random: (size: number) => Buffer): string {
  return [...random(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** A 12-digit account id that is neither the catalog's nor already taken. */
function newAccountId(taken: ReadonlySet<string>): string {
  for (;;) {
    const id = String(randomInt(100_000_000_000, 999_999_999_999));
    if (!taken.has(id)) return id;
  }
}

/**
 * The accounts of the cloud: the ones configured at start (two by default, so ownership and sharing can
 * be exercised) and the catalog owner. Access keys are 20 characters and secret keys 40, as on Outscale.
 */
export class AccountRegistry {
  readonly accounts: readonly Account[];
  readonly catalogOwner: Account;
  private readonly byKey = new Map<string, Account>();

  constructor(options: readonly AccountOptions[] = [{}, {}], random: (size: number) => Buffer = randomBytes) {
    if (options.length === 0) throw new RangeError('local-cloud needs at least one account');
    this.catalogOwner = {
      accountId: catalogAccountId,
      alias: catalogAccountAlias,
      accessKey: '',
      secretKey: '',
      email: 'catalog@outscale.invalid',
    };
    const taken = new Set([catalogAccountId]);
    this.accounts = options.map((option, index) => {
      const accountId = option.accountId ?? newAccountId(taken);
      if (!/^\d{12}$/.test(accountId) || taken.has(accountId)) {
        throw new RangeError(`account id '${accountId}' must be 12 digits and unique`);
      }
      taken.add(accountId);
      const account: Account = {
        accountId,
        alias: option.alias ?? `local-${index + 1}`,
        accessKey: option.accessKey ?? randomString(keyAlphabet, 20, random),
        secretKey: option.secretKey ?? randomString(secretAlphabet, 40, random),
        email: `${option.alias ?? `local-${index + 1}`}@local-cloud.invalid`,
      };
      if (this.byKey.has(account.accessKey)) throw new RangeError('two accounts share an access key');
      this.byKey.set(account.accessKey, account);
      return account;
    });
  }

  /** The account an access key belongs to. */
  byAccessKey(accessKey: string): Account | undefined {
    return this.byKey.get(accessKey);
  }

  /** Any account (the catalog owner included) by id. */
  byId(accountId: string): Account | undefined {
    if (accountId === this.catalogOwner.accountId) return this.catalogOwner;
    return this.accounts.find((account) => account.accountId === accountId);
  }

  /** The alias of an account id, as `AccountAlias` fields show it. */
  aliasOf(accountId: string): string | undefined {
    return this.byId(accountId)?.alias;
  }
}
