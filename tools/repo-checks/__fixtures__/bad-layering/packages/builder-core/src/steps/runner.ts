// Reaches into another package's sources by relative path, and lazily imports a builder.
import { verifySignature } from '../../../osc-auth/src/index';

export const verify = verifySignature;
export const load = () => import('@osc-packer/builder-bsu');
