/** The UI's only door to the Go side. Components use hooks, hooks use this module, this module uses the bindings. */
export { adminApi } from './admin';
export { sessionApi } from './session';
export { contactsApi } from './contacts';
export { recordsApi } from './records';
export { salesApi, salesAdminApi } from './sales';
export { isMapRecordType, mapsApi, withNearAddress, type MapRecordType } from './maps';
export { onSessionExpired } from './events';
export { openExternal, setWindowTitle } from './window';
export { ApiError, parseError } from './errors';
export type { ErrorCode, FieldCode } from './errors';
export * from './access';
export * from './rules';
export * from './vocabulary';
export type * from './types';
export type * from './salesTypes';
