import type { OperationDefinition } from '../api/operation';
import type { Cloud } from '../engine/cloud';
import { imageExportOperations } from './image-export-operations';
import { imageOperations } from './image-operations';
import { keypairOperations } from './keypair-operations';
import { netOperations } from './net-operations';
import { publicIpOperations } from './public-ip-operations';
import { regionOperations } from './region-operations';
import { securityGroupOperations } from './security-group-operations';
import { snapshotOperations } from './snapshot-operations';
import { tagOperations } from './tag-operations';
import { vmOperations } from './vm-operations';
import { volumeOperations } from './volume-operations';

/** Every operation local-cloud serves. */
export function allOperations(cloud: Cloud): OperationDefinition[] {
  return [
    ...regionOperations(cloud),
    ...vmOperations(cloud),
    ...imageOperations(cloud),
    ...imageExportOperations(cloud),
    ...snapshotOperations(cloud),
    ...volumeOperations(cloud),
    ...keypairOperations(cloud),
    ...securityGroupOperations(cloud),
    ...publicIpOperations(cloud),
    ...netOperations(cloud),
    ...tagOperations(cloud),
  ];
}
