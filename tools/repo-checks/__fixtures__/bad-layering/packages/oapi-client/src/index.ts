// Allowed package, but reached through its files instead of its exports.
export { signRequest } from '@osc-packer/osc-auth/src/signing/sign-request';
