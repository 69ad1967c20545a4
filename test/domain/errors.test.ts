import { ProvisionedThroughputExceededException, DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { OpenStackHttpError } from '../../src/adapters/openstack/errors/openstack-http-error';
import { OpenStackNetworkError } from '../../src/adapters/openstack/errors/openstack-network-error';
import { OpenStackTimeoutError } from '../../src/adapters/openstack/errors/openstack-timeout-error';
import { AppError, errorCode, isRetryable, publicErrorMessage, transientKind } from '../../src/domain/errors';

const metadata = { httpStatusCode: 500, attempts: 3, totalRetryDelay: 0 };

describe('error classification', () => {
  it('keeps the retries of the transient classes: OpenStack 5xx/429/network/timeouts', () => {
    const get = { service: 'compute' as const, method: 'GET', url: 'https://nova/servers' };
    expect(isRetryable(new OpenStackHttpError({ ...get, status: 503 }))).toBe(true);
    expect(isRetryable(new OpenStackHttpError({ ...get, status: 429 }))).toBe(true);
    expect(isRetryable(new OpenStackHttpError({ ...get, status: 404 }))).toBe(false);
    expect(isRetryable(new OpenStackNetworkError(get, { cause: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }))).toBe(true);
    expect(isRetryable(new OpenStackTimeoutError({ ...get, timeoutMs: 30_000 }))).toBe(true);
  });

  it('retries S3 and DynamoDB throttling and server faults, not their client errors', () => {
    const throttled = new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    expect(transientKind(throttled)).toBe('storage');
    expect(isRetryable(throttled)).toBe(true);
    const slowDown = new S3ServiceException({
      name: 'SlowDown',
      $fault: 'server',
      $metadata: { httpStatusCode: 503 },
      message: 'Please reduce your request rate.',
    });
    expect(isRetryable(slowDown)).toBe(true);
    expect(isRetryable(new S3ServiceException({ name: 'InternalError', $fault: 'server', $metadata: metadata }))).toBe(true);
    const denied = new DynamoDBServiceException({
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message: 'not authorized',
    });
    expect(isRetryable(denied)).toBe(false);
    expect(errorCode(throttled)).toBe('temporarily_unavailable');
    expect(errorCode(denied)).toBe('internal_error');
  });

  it('retries network errors, also wrapped as a cause (fetch), and Chromium crashes and timeouts', () => {
    expect(transientKind(new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }))).toBe('network');
    expect(transientKind(Object.assign(new Error('Navigation timeout of 120000 ms exceeded'), { name: 'TimeoutError' }))).toBe('renderer');
    expect(transientKind(Object.assign(new Error('Target closed'), { name: 'TargetCloseError' }))).toBe('renderer');
  });

  it('does not retry programming errors or anything unrecognised, and says nothing of them to users', () => {
    for (const error of [
      new TypeError("Cannot read properties of undefined (reading 'x')"),
      new RangeError('Invalid array length'),
      new Error('boom'),
      'a string',
    ]) {
      expect(isRetryable(error)).toBe(false);
      expect(errorCode(error)).toBe('internal_error');
      expect(publicErrorMessage(error, 'ab12cd34')).toBe(
        'An internal error stopped this report (reference ab12cd34). An operator can find the details in the logs.',
      );
    }
    // A system code on a programming error is not a public code.
    expect(errorCode(Object.assign(new TypeError('bad'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe('internal_error');
  });

  it("shows a known error's own message, with the attempts when it gave up after several", () => {
    const e = new AppError('price_list_required', 'A cost report needs a price list.');
    expect(publicErrorMessage(e, 'ab12cd34')).toBe('A cost report needs a price list.');
    expect(publicErrorMessage(new OpenStackHttpError({ service: 'compute', method: 'GET', url: 'https://nova/x', status: 503 }), 'r', 3)).toBe(
      'Request failed with 503: GET https://nova/x (gave up after 3 attempts)',
    );
  });
});
