/**
 * Wire types as the UI sees them: the data fields of the generated models (src/lib/wailsjs/go/models.ts), without
 * the helper methods of the generated classes, so that plain objects (and test fixtures) fit them.
 */
import type { api, app } from '../lib/wailsjs/go/models';

type Method = (...args: never[]) => unknown;

/**
 * Data<T> keeps T's data fields, recursively, and drops its methods. Generated string enums become their literal
 * unions ("person" | "deal" | ...), which plain strings and the generated enum values both fit.
 */
export type Data<T> = T extends string
  ? `${T}`
  : T extends readonly (infer U)[]
    ? Data<U>[]
    : T extends object
      ? { [K in keyof T as T[K] extends Method ? never : K]: Data<T[K]> }
      : T;

export type SessionState = Data<app.SessionState>;
export type LoginInput = Data<app.LoginInput>;

export type Me = Data<api.Me>;
export type Tenant = Data<api.Tenant>;
export type PasswordChange = Data<api.PasswordChange>;

export type User = Data<api.User>;
export type UserCreate = Data<api.UserCreate>;
export type UserPatch = Data<api.UserPatch>;

export type Unit = Data<api.Unit>;
export type UnitCreate = Data<api.UnitCreate>;
export type UnitPatch = Data<api.UnitPatch>;

export type Role = Data<api.Role>;
export type RoleCreate = Data<api.RoleCreate>;
export type RolePatch = Data<api.RolePatch>;
export type Grant = Data<api.Grant>;
