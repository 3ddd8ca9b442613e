/** What is known of one error code of the API; a field no source states is left out. */
export interface OapiErrorCodeInfo {
  /** The `Errors[].Code` value, a numeric string. */
  readonly code: string;
  /** The `Errors[].Type` category. */
  readonly type?: string;
  /** The name the error catalogue gives the code. */
  readonly name: string;
  /** The HTTP status the errors pages give for it. */
  readonly status?: number;
}

/**
 * Error codes the client and local-cloud both need (oapi-facts.md §4: the API errors pages v1.39.1 and
 * v1.28.5, the throttling page, and osc-sdk-python's `gateway_errors.yaml`). Statuses appear only where a
 * source states them; the spec declares 400 as the usual error status of most operations (§4.2).
 */
export const oapiErrorCodes = {
  authenticationFailed: { code: '1', type: 'AccessDenied', name: 'ErrorAuthenticationFailed', status: 401 },
  unauthorizedOperation: { code: '4', name: 'UnauthorizedOperation', status: 401 },
  throttledWholePlatform: {
    code: '6',
    type: 'AccessDenied',
    name: 'ErrorOperationThrottledWholePlatform',
    status: 503,
  },
  throttledPerAccount: { code: '24', type: 'AccessDenied', name: 'ErrorOperationThrottledPerAccount', status: 429 },
  throttledPerCall: { code: '25', type: 'AccessDenied', name: 'ErrorOperationThrottledPerCall', status: 429 },
  invalidImageName: { code: '4026', type: 'InvalidParameterValue', name: 'invalid-image-name' },
  invalidSnapshotId: { code: '4061', type: 'InvalidParameterValue', name: 'invalid-snapshot-id' },
  invalidVolumeSize: { code: '4078', type: 'InvalidParameterValue', name: 'invalid-volume-size' },
  noSuchImage: { code: '5023', type: 'InvalidResource', name: 'no-such-image' },
  noSuchSnapshot: { code: '5054', type: 'InvalidResource', name: 'no-such-snapshot' },
  noSuchVm: { code: '5063', type: 'InvalidResource', name: 'no-such-vm' },
  noSuchVolume: { code: '5064', type: 'InvalidResource', name: 'no-such-volume' },
  noSuchKeypair: { code: '5071', type: 'InvalidResource', name: 'no-such-keypair' },
  invalidImageState: { code: '6001', type: 'InvalidState', name: 'invalid-image-state' },
  invalidVmState: { code: '6006', type: 'InvalidState', name: 'invalid-vm-state' },
  invalidVolumeState: { code: '6007', type: 'InvalidState', name: 'invalid-volume-state' },
  resourceBusy: { code: '9002', type: 'ResourceConflict', name: 'busy' },
  tooManyConcurrentSnapshots: {
    code: '10008',
    type: 'TooManyResources (QuotaExceded)',
    name: 'too-many-concurrent-snapshots',
  },
  tooManyVms: { code: '10010', type: 'TooManyResources (QuotaExceded)', name: 'too-many-instances' },
  tooManyVolumes: { code: '10018', type: 'TooManyResources (QuotaExceded)', name: 'too-many-volumes' },
  tooManySnapshots: { code: '10026', type: 'TooManyResources (QuotaExceded)', name: 'too-many-snapshots' },
} as const satisfies Readonly<Record<string, OapiErrorCodeInfo>>;

/**
 * The throttling codes: 6 (whole platform, HTTP 503), 24 (per account) and 25 (per account and call), both
 * HTTP 429. Retry them with backoff; OAPI has no `RequestLimitExceeded` type.
 */
export const throttlingErrorCodes: readonly string[] = [
  oapiErrorCodes.throttledWholePlatform.code,
  oapiErrorCodes.throttledPerAccount.code,
  oapiErrorCodes.throttledPerCall.code,
];

/** The HTTP statuses throttling answers come with (429 per account or call, 503 whole platform). */
export const throttlingStatuses: readonly number[] = [429, 503];
