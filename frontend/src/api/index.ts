/** The UI's only door to the Go side. Components use hooks, hooks use this module, this module uses the bindings. */
export { adminApi } from './admin';
export { sessionApi } from './session';
export { onSessionExpired } from './events';
export { setWindowTitle } from './window';
export { ApiError, parseError } from './errors';
export type { ErrorCode, FieldCode } from './errors';
export * from './access';
export * from './rules';
export type * from './types';
