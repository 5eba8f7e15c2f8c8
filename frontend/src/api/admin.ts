import * as Admin from '../lib/wailsjs/go/app/Admin';
import { api } from '../lib/wailsjs/go/models';
import { call } from './errors';
import type {
  CustomField,
  CustomFieldCreate,
  CustomFieldPatch,
  Invitation,
  InvitationCreate,
  Role,
  RoleCreate,
  RolePatch,
  SetupChecklist,
  Tenant,
  TwoFactorStatus,
  Unit,
  UnitCreate,
  UnitPatch,
  User,
  UserCreate,
  UserPatch,
} from './types';

/** Users, units, roles, the tenant and custom field definitions. Mutations of existing records pass the version they were based on. */
export const adminApi = {
  listUsers: async (): Promise<User[]> => (await call(() => Admin.ListUsers())).items,
  createUser: (input: UserCreate): Promise<User> => call(() => Admin.CreateUser(api.UserCreate.createFrom(input))),
  updateUser: (id: string, version: number, patch: UserPatch): Promise<User> =>
    call(() => Admin.UpdateUser(id, version, api.UserPatch.createFrom(patch))),

  /** A user's second factor and recorded security events. */
  userTwoFactor: (id: string): Promise<TwoFactorStatus> => call(() => Admin.UserTwoFactor(id)),
  /** Removes a user's second factor (a lost device); recorded. */
  resetTwoFactor: (id: string): Promise<void> => call(() => Admin.ResetTwoFactor(id)),
  /** Signs a user out on every device; recorded. */
  endUserSessions: (id: string): Promise<void> => call(() => Admin.EndUserSessions(id)),
  /** Open invitations, the newest first. */
  listInvitations: async (): Promise<Invitation[]> => (await call(() => Admin.ListInvitations())).items,
  invite: (input: InvitationCreate): Promise<Invitation> =>
    call(() => Admin.Invite(api.InvitationCreate.createFrom(input))),
  /** Sends the invitation again with a new link; the old link dies. */
  resendInvitation: (id: string): Promise<Invitation> => call(() => Admin.ResendInvitation(id)),
  revokeInvitation: (id: string): Promise<void> => call(() => Admin.RevokeInvitation(id)),
  /** The first-run checklist's steps that are done. */
  setupChecklist: (): Promise<SetupChecklist> => call(() => Admin.SetupChecklist()),

  listUnits: async (): Promise<Unit[]> => (await call(() => Admin.ListUnits())).items,
  createUnit: (input: UnitCreate): Promise<Unit> => call(() => Admin.CreateUnit(api.UnitCreate.createFrom(input))),
  updateUnit: (id: string, version: number, patch: UnitPatch): Promise<Unit> =>
    call(() => Admin.UpdateUnit(id, version, api.UnitPatch.createFrom(patch))),
  deleteUnit: (id: string, version: number): Promise<void> => call(() => Admin.DeleteUnit(id, version)),

  listRoles: async (): Promise<Role[]> => (await call(() => Admin.ListRoles())).items,
  createRole: (input: RoleCreate): Promise<Role> => call(() => Admin.CreateRole(api.RoleCreate.createFrom(input))),
  updateRole: (id: string, version: number, patch: RolePatch): Promise<Role> =>
    call(() => Admin.UpdateRole(id, version, api.RolePatch.createFrom(patch))),
  deleteRole: (id: string, version: number): Promise<void> => call(() => Admin.DeleteRole(id, version)),

  tenant: (): Promise<Tenant> => call(() => Admin.Tenant()),

  createCustomField: (input: CustomFieldCreate): Promise<CustomField> =>
    call(() => Admin.CreateCustomField(api.CustomFieldCreate.createFrom(input))),
  updateCustomField: (id: string, version: number, patch: CustomFieldPatch): Promise<CustomField> =>
    call(() => Admin.UpdateCustomField(id, version, api.CustomFieldPatch.createFrom(patch))),
  /** Removes a field from forms and lists; its stored values stay and return when it is restored. */
  archiveCustomField: (id: string, version: number): Promise<void> => call(() => Admin.ArchiveCustomField(id, version)),
};
