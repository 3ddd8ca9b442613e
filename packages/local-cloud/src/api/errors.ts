import { ApiError } from './api-error';

// The error answers of the real gateway. Codes, types and statuses come from Outscale's published error
// table (docs.outscale.com/api-errors.html) and the gateway error list shipped in osc-sdk-python
// (`gateway_errors.yaml`); the `Details` wording follows what the API is seen answering, e.g.
// "The ImageId 'ami-e1a786f1' doesn't exist.".

/** The resource kinds whose "doesn't exist" answers differ, with their code and the id field named. */
const notFoundCodes = {
  vm: ['5063', 'VmId'],
  image: ['5023', 'ImageId'],
  volume: ['5064', 'VolumeId'],
  snapshot: ['5054', 'SnapshotId'],
  keypair: ['5071', 'KeypairName'],
  securityGroup: ['5020', 'SecurityGroupId'],
  securityGroupName: ['5020', 'SecurityGroupName'],
  publicIp: ['5025', 'PublicIpId'],
  publicIpAddress: ['5025', 'PublicIp'],
  linkPublicIp: ['5026', 'LinkPublicIpId'],
  net: ['5065', 'NetId'],
  subnet: ['5057', 'SubnetId'],
  subregion: ['5009', 'SubregionName'],
  vmType: ['5024', 'VmType'],
  imageExportTask: ['5058', 'TaskId'],
  resource: ['5044', 'ResourceId'],
  manifest: ['5031', 'FileLocation'],
} as const;

/** A kind of thing that can be missing. */
export type MissingKind = keyof typeof notFoundCodes;

export const errors = {
  /** Bad, unknown or expired signature: the gateway never says which, so clients diagnose skew from `Date`. */
  authenticationFailed: () => new ApiError(401, '1', 'AccessDenied'),
  /** A call that needs a signature arrived without any. */
  missingAuthorization: () => new ApiError(401, '1', 'AccessDenied'),
  /** The Authorization header names a scheme the gateway does not know. */
  unknownAuthorizationType: () =>
    new ApiError(
      401,
      '12',
      'AccessDenied',
      'The authentication type specified in the Authorization header is unknown.',
    ),
  /** Throttling by the whole platform (503), the account (429) or the account and call (429). */
  throttled: (scope: 'platform' | 'account' | 'call') => {
    if (scope === 'platform') return new ApiError(503, '6', 'AccessDenied', 'Request rate exceeded.');
    return new ApiError(429, scope === 'account' ? '24' : '25', 'AccessDenied', 'Request rate exceeded.');
  },
  /** A call the gateway does not know, or a method other than POST. */
  unknownOperation: (operation: string) =>
    new ApiError(400, '0', 'DefaultError', `The operation '${operation}' does not exist.`),
  httpMethodNotAllowed: () => new ApiError(405, '2', 'AccessDenied'),
  /** The body is not a JSON object. */
  invalidJson: () => new ApiError(400, '4095', 'InvalidParameterValue', 'The request body is not valid JSON.'),
  missingParameter: (name: string) =>
    new ApiError(400, '7000', 'MissingParameter', `The parameter '${name}' is required.`),
  /** A parameter the operation does not take. */
  unknownParameter: (name: string) =>
    new ApiError(400, '3001', 'InvalidParameter', `The parameter '${name}' is not valid for this call.`),
  invalidParameterType: (name: string, expected: string) =>
    new ApiError(400, '4108', 'InvalidParameterValue', `The parameter '${name}' must be ${expected}.`),
  invalidParameterValue: (name: string, value: unknown, code = '4047', why = '') =>
    new ApiError(
      400,
      code,
      'InvalidParameterValue',
      `The provided value ('${String(value)}') for the parameter '${name}' is invalid.${why ? ` ${why}` : ''}`,
    ),
  /** Parameters that cannot be combined, or a required one-of that is missing. */
  invalidParameterSet: (details: string) => new ApiError(400, '4046', 'InvalidParameterValue', details),
  notFound: (kind: MissingKind, id: string) => {
    const [code, field] = notFoundCodes[kind];
    return new ApiError(400, code, 'InvalidResource', `The ${field} '${id}' doesn't exist.`);
  },
  /** The resource is in a state that forbids the call (e.g. a volume in use, a VM already terminated). */
  invalidState: (code: '6001' | '6003' | '6006' | '6007', details: string) =>
    new ApiError(409, code, 'InvalidState', details),
  /** Another resource depends on this one (in use by a VM, used by an OMI). */
  dependencyProblem: (code: string, details: string) => new ApiError(424, code, 'DependencyProblem', details),
  /** A unique name is taken (keypair, security group, OMI name). */
  conflict: (code: string, details: string) => new ApiError(409, code, 'ResourceConflict', details),
  /** The caller may not act on a resource another account owns. */
  notAuthorized: () => new ApiError(401, '4', 'AccessDenied', 'You are not authorized to perform this operation.'),
  quotaExceeded: (code: string, details: string) => new ApiError(400, code, 'TooManyResources (QuotaExceded)', details),
  internal: (details = 'Internal error.') => new ApiError(500, '2000', 'InternalError', details),
};
