import type { Communicator } from '@osc-packer/builder-core';
import type { Image, PublicIp, Vm } from '@osc-packer/oapi-client';
import type { OutscaleBuildInfo } from '../config/build-info';

/**
 * The typed state of an Outscale build that launches a VM (Packer's state bag, Appendix B of the reference,
 * with types). Each step declares the keys it `requires` and `provides`; `null` means "none" (e.g. no
 * temporary public IP), `undefined` means "not decided yet".
 */
export interface OscBuildState {
  /** The source OMI (`source_image`). */
  sourceImage?: Image;
  /** The build data of deferred fields and `{{ build }}`: source OMI, Region. */
  buildInfo?: OutscaleBuildInfo;
  /** The Net the VM runs in (`net_id`), null outside a Net. */
  netId?: string | null;
  subnetId?: string | null;
  subregionName?: string | null;
  /** The key pair the VM is launched with, null for none. */
  keypairName?: string | null;
  /** The private key the communicator uses (temporary pair or `ssh_private_key_file`), null for none. */
  privateKey?: string | null;
  /** The OpenSSH public key of `privateKey` (`SSHPublicKey`), null when unknown. */
  publicKey?: string | null;
  /** The temporary public IP, null when none is made. */
  publicIp?: PublicIp | null;
  /** The security groups of the VM (existing ones, or the temporary one). */
  securityGroupIds?: string[];
  /** The source VM, as last read. */
  vm?: Vm;
  /** The volumes of the source VM (every launch volume), for the cleanup after the VM is gone. */
  launchVolumeIds?: string[];
  /**
   * Where the communicator connects (after `ssh_host`, `ssh_interface` and the Net rules); once connected,
   * where the SSH server really listens (local-cloud maps `<ip>:22`), as `Host` and `Port` tell provisioners.
   */
  sshHost?: string | null;
  sshPort?: number | null;
  /** The connected communicator, null with `communicator: none`. */
  communicator?: Communicator | null;
  /** The new OMI (`omis`). */
  omi?: Image;
  /** Snapshots of the new OMI (`snapshots`). */
  snapshotIds?: string[];
}
