import type { FaultResourceKind } from './fault-rule';

// Which resource kind an operation acts on, read from its name (CreateVms, ReadVmsState, LinkPublicIp...).
const nouns: readonly [RegExp, FaultResourceKind][] = [
  [/^(Vms?|VmsState|ConsoleOutput|AdminPassword)$/, 'vm'],
  [/^(Images?|ImageExportTasks?)$/, 'image'],
  [/^Snapshots?$/, 'snapshot'],
  [/^Volumes?$/, 'volume'],
  [/^Keypairs?$/, 'keypair'],
  [/^SecurityGroups?(Rule)?$/, 'securityGroup'],
  [/^PublicIps?$/, 'publicIp'],
  [/^Nets?$/, 'net'],
  [/^Subnets?$/, 'subnet'],
  [/^Tags$/, 'tag'],
  [/^Accounts$/, 'account'],
  [/^(Regions|Subregions|VmTypes)$/, 'region'],
];

/** The resource kind an operation acts on, or undefined when it is none of the known kinds. */
export function operationResourceKind(operation: string): FaultResourceKind | undefined {
  const noun = operation.replace(/^(Create|Read|Delete|Update|Link|Unlink|Start|Stop)/, '');
  return nouns.find(([pattern]) => pattern.test(noun))?.[1];
}
