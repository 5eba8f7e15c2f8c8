/**
 * Errors of bound Go calls. A failed call rejects with a string holding JSON
 * `{"status": 412, "code": "precondition.version_mismatch", "message": "...", "fields": {"name": "required"}}`;
 * status 0 with code "network.unreachable" means the server could not be reached.
 */
import { ERROR_CODES, FIELD_CODES } from '../lib/vocabulary';
import type { api } from '../lib/wailsjs/go/models';
import { rememberError } from './recentErrors';

/**
 * Stable error codes (api.ErrorCode: the server's and the desktop's own) and field codes (api.FieldCode: the values
 * of ApiError.fields), generated from shared/api/error.go. The UI translates each of them.
 */
export type ErrorCode = `${api.ErrorCode}`;
export type FieldCode = `${api.FieldCode}`;
export { ERROR_CODES, FIELD_CODES };

/** Code given to rejections that did not carry the JSON error shape. */
export const UNKNOWN_ERROR_CODE = 'unknown';

export const NETWORK_UNREACHABLE: ErrorCode = 'network.unreachable';

export interface ApiErrorInit {
  status: number;
  code: string;
  message?: string;
  fields?: Readonly<Record<string, string>>;
  requestId?: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status of the backend's answer; 0 when no answer arrived. */
  readonly status: number;
  /** Stable machine code, e.g. "auth.invalid_credentials". */
  readonly code: string;
  /** Per-field codes of a validation error, e.g. {email: "taken"}. */
  readonly fields: Readonly<Record<string, string>>;
  /** The server's request ID for support; empty for errors that did not come from the server. */
  readonly requestId: string;

  constructor(init: ApiErrorInit) {
    super(init.message ?? init.code);
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.requestId = init.requestId ?? '';
  }

  get hasFieldErrors(): boolean {
    return Object.keys(this.fields).length > 0;
  }

  get isNetwork(): boolean {
    return this.code === NETWORK_UNREACHABLE;
  }

  is(code: ErrorCode): boolean {
    return this.code === code;
  }
}

export function isKnownErrorCode(code: string): code is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code);
}

export function isKnownFieldCode(code: string): code is FieldCode {
  return (FIELD_CODES as readonly string[]).includes(code);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringFields(value: unknown): Record<string, string> {
  if (!isRecord(value)) {
    return {};
  }
  const fields: Record<string, string> = {};
  for (const [name, code] of Object.entries(value)) {
    if (typeof code === 'string') {
      fields[name] = code;
    }
  }
  return fields;
}

function fromObject(value: Record<string, unknown>): ApiError | undefined {
  // Accept the backend's envelope {"error": {...}} as well, should it ever be passed through unchanged.
  const body = isRecord(value.error) ? { ...value.error, status: value.status } : value;
  if (typeof body.code !== 'string' || body.code === '') {
    return undefined;
  }
  return new ApiError({
    status: typeof body.status === 'number' ? body.status : 0,
    code: body.code,
    message: typeof body.message === 'string' ? body.message : body.code,
    fields: stringFields(body.fields),
    requestId: typeof body.requestId === 'string' ? body.requestId : '',
  });
}

function fromText(text: string): ApiError | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? fromObject(parsed) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Turns whatever a bound call rejected with into an ApiError. The desktop window's bridge rejects with the error's
 * JSON text; the dev server's websocket bridge wraps that text in an Error.
 */
export function parseError(reason: unknown): ApiError {
  if (reason instanceof ApiError) {
    return reason;
  }
  if (typeof reason === 'string') {
    return fromText(reason) ?? new ApiError({ status: 0, code: UNKNOWN_ERROR_CODE, message: reason });
  }
  if (reason instanceof Error) {
    return fromText(reason.message) ?? new ApiError({ status: 0, code: UNKNOWN_ERROR_CODE, message: reason.message });
  }
  if (isRecord(reason)) {
    const error = fromObject(reason);
    if (error) {
      return error;
    }
  }
  return new ApiError({ status: 0, code: UNKNOWN_ERROR_CODE, message: String(reason) });
}

/** Runs a bound call and converts its rejection into an ApiError; the server's errors are remembered by number. */
export async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (reason) {
    const error = parseError(reason);
    rememberError(error);
    throw error;
  }
}
