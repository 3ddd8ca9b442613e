/** Packer's clean_resource_name / clean_omi_name template function. */
export { cleanResourceName } from './interpolation/clean-resource-name';
