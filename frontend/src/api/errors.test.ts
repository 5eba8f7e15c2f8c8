import { describe, expect, it } from 'vitest';
import { ApiError, call, parseError } from './errors';

describe('parseError', () => {
  it('reads status, code, message and fields from the JSON a bound call rejects with', () => {
    const error = parseError(
      JSON.stringify({
        status: 422,
        code: 'validation.failed',
        message: 'check the input',
        fields: { email: 'taken', name: 'required' },
        requestId: 'req-42',
      }),
    );

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation.failed');
    expect(error.message).toBe('check the input');
    expect(error.fields).toEqual({ email: 'taken', name: 'required' });
    expect(error.requestId).toBe('req-42');
    expect(error.hasFieldErrors).toBe(true);
  });

  it("reads the same JSON from the message of an Error (the dev server's websocket bridge wraps it so)", () => {
    const error = parseError(
      new Error('{"status":401,"code":"auth.invalid_credentials","message":"wrong","fields":{},"requestId":"r1"}'),
    );

    expect(error.status).toBe(401);
    expect(error.code).toBe('auth.invalid_credentials');
    expect(error.requestId).toBe('r1');
  });

  it('recognizes an unreachable server (status 0)', () => {
    const error = parseError('{"status":0,"code":"network.unreachable","message":"dial tcp: refused","fields":{}}');

    expect(error.status).toBe(0);
    expect(error.isNetwork).toBe(true);
    expect(error.is('network.unreachable')).toBe(true);
    expect(error.hasFieldErrors).toBe(false);
  });

  it('recognizes a version conflict', () => {
    const error = parseError('{"status":412,"code":"precondition.version_mismatch","message":"stale","fields":{}}');

    expect(error.status).toBe(412);
    expect(error.is('precondition.version_mismatch')).toBe(true);
  });

  it('accepts the backend envelope {"error": {...}} as well', () => {
    const error = parseError(
      JSON.stringify({ status: 409, error: { code: 'resource.conflict', message: 'in use', fields: {} } }),
    );

    expect(error.status).toBe(409);
    expect(error.code).toBe('resource.conflict');
  });

  it('drops field codes that are not strings and tolerates missing fields', () => {
    const error = parseError(
      JSON.stringify({ status: 422, code: 'validation.failed', fields: { a: 1, b: 'invalid' } }),
    );

    expect(error.fields).toEqual({ b: 'invalid' });
    expect(parseError('{"status":500,"code":"internal"}').fields).toEqual({});
  });

  it('keeps a rejection that is not JSON as the message of an "unknown" error', () => {
    const error = parseError('runtime: method not found');

    expect(error.code).toBe('unknown');
    expect(error.status).toBe(0);
    expect(error.message).toBe('runtime: method not found');
  });

  it('treats JSON without a code, Errors and other values as unknown errors', () => {
    expect(parseError('{"status":500}').code).toBe('unknown');
    expect(parseError('[1,2]').code).toBe('unknown');
    expect(parseError(new TypeError('boom')).message).toBe('boom');
    expect(parseError(undefined).code).toBe('unknown');
  });

  it('returns an ApiError unchanged', () => {
    const original = new ApiError({ status: 404, code: 'resource.not_found' });

    expect(parseError(original)).toBe(original);
  });
});

/** A bound Go method rejects with the error's text, a string, not an Error. */
function rejectLikeWails(text: string): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- this is what the Wails runtime does
  return Promise.reject(text);
}

describe('call', () => {
  it('passes results through', async () => {
    await expect(call(() => Promise.resolve(7))).resolves.toBe(7);
  });

  it('turns the string a bound call rejects with into an ApiError', async () => {
    const rejected = call(() => rejectLikeWails('{"status":429,"code":"auth.throttled","message":"slow","fields":{}}'));

    await expect(rejected).rejects.toBeInstanceOf(ApiError);
    await expect(rejected).rejects.toMatchObject({ status: 429, code: 'auth.throttled' });
  });
});
