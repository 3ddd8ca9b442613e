/** A typed error answer of the Outscale API. */
export { OapiError, type OapiErrorDetail, type OapiErrorFields } from './oapi-error';
