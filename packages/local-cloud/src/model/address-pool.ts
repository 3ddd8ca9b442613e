/** Where VM addresses come from. Every address of 127.0.0.0/8 reaches this machine on Linux. */
export interface AddressRanges {
  /** First two octets of the loopback addresses VMs get as public IPs at launch (default `127.64`). */
  vmPublic: string;
  /** First two octets of the addresses CreatePublicIp allocates (default `127.65`). */
  elastic: string;
  /** First two octets of private IPs outside a Net (default `10.9`). */
  private: string;
}

export const defaultAddressRanges: AddressRanges = { vmPublic: '127.64', elastic: '127.65', private: '10.9' };

/**
 * A /16 of addresses handed out in order from a random start (so clouds running side by side, say in
 * parallel tests, rarely pick the same loopback address for their VMs' SSH servers), skipping network
 * and broadcast-looking hosts, reused on release.
 */
export class AddressRange {
  private readonly used = new Set<string>();
  private next: number;

  constructor(
    private readonly prefix: string,
    random: () => number = Math.random,
  ) {
    this.next = Math.floor(random() * 65_536);
  }

  allocate(): string {
    for (let tries = 0; tries < 65_536; tries += 1) {
      const index = this.next;
      this.next = (this.next + 1) % 65_536;
      const third = Math.floor(index / 256);
      const fourth = index % 256;
      if (fourth === 0 || fourth === 255) continue;
      const address = `${this.prefix}.${third}.${fourth}`;
      if (!this.used.has(address)) {
        this.used.add(address);
        return address;
      }
    }
    throw new Error(`no address left in ${this.prefix}.0.0/16`);
  }

  release(address: string): void {
    this.used.delete(address);
  }
}

/** Allocates the public, elastic and private addresses of the cloud's VMs. */
export class AddressPool {
  readonly vmPublic: AddressRange;
  readonly elastic: AddressRange;
  readonly private: AddressRange;

  constructor(ranges: AddressRanges = defaultAddressRanges, random?: () => number) {
    for (const prefix of [ranges.vmPublic, ranges.elastic, ranges.private]) {
      if (!/^\d{1,3}\.\d{1,3}$/.test(prefix))
        throw new RangeError(`'${prefix}' is not the first two octets of an IPv4`);
    }
    if (!ranges.vmPublic.startsWith('127.') || !ranges.elastic.startsWith('127.')) {
      throw new RangeError('public addresses must be loopback addresses (127.x)');
    }
    this.vmPublic = new AddressRange(ranges.vmPublic, random);
    this.elastic = new AddressRange(ranges.elastic, random);
    this.private = new AddressRange(ranges.private, random);
  }
}
