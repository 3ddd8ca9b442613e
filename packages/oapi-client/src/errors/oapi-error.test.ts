import { describe, expect, it } from 'vitest';
import { OapiError } from './oapi-error';

describe('OapiError', () => {
  it('names the operation, status, code, type, details and request id', () => {
    const error = new OapiError({
      operation: 'CreateVms',
      status: 400,
      errors: [{ code: '4078', type: 'InvalidParameterValue', details: 'invalid volume size' }],
      requestId: '0475ca1e-d0c5-441d-712a-da55a4175157',
      retryable: false,
    });
    expect(error.message).toBe(
      'CreateVms failed with HTTP 400: [4078] InvalidParameterValue: invalid volume size ' +
        '(request id 0475ca1e-d0c5-441d-712a-da55a4175157)',
    );
    expect(error.code).toBe('4078');
    expect(error.type).toBe('InvalidParameterValue');
    expect(OapiError.isInstance(error)).toBe(true);
    expect(OapiError.isInstance(new Error('x'))).toBe(false);
  });

  it('still reads well when the body carried no errors', () => {
    const error = new OapiError({ operation: 'ReadVms', status: 502, errors: [], retryable: true });
    expect(error.message).toBe('ReadVms failed with HTTP 502: HTTP 502 with no error details');
    expect(error.code).toBeUndefined();
  });
});
