// Tests may use any package: this import is not a violation.
import { startLocalCloud } from '@osc-packer/local-cloud';

export const start = startLocalCloud;
