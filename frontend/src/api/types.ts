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
export type ServerInfo = Data<app.ServerInfo>;
export type LoginInput = Data<app.LoginInput>;

export type Me = Data<api.Me>;
export type Tenant = Data<api.Tenant>;
export type PasswordChange = Data<api.PasswordChange>;
export type CalendarFeed = Data<api.CalendarFeed>;
export type CalendarFeedToken = Data<api.CalendarFeedToken>;
export type SignInResult = Data<app.SignInResult>;
export type SecondFactorInput = Data<app.SecondFactorInput>;
export type TOTPEnrolment = Data<api.TOTPEnrolment>;
export type RecoveryCodes = Data<api.RecoveryCodes>;
export type TwoFactorStatus = Data<api.TwoFactorStatus>;
export type DeviceSession = Data<api.DeviceSession>;
export type DeviceSessionList = Data<api.DeviceSessionList>;

export type User = Data<api.User>;
export type Invitation = Data<api.Invitation>;
export type InvitationCreate = Data<api.InvitationCreate>;
export type SetupChecklist = Data<api.SetupChecklist>;
export type PasswordResetInput = Data<app.PasswordResetInput>;
export type UserCreate = Data<api.UserCreate>;
export type UserPatch = Data<api.UserPatch>;

export type Unit = Data<api.Unit>;
export type UnitCreate = Data<api.UnitCreate>;
export type UnitPatch = Data<api.UnitPatch>;

export type Role = Data<api.Role>;
export type RoleCreate = Data<api.RoleCreate>;
export type RolePatch = Data<api.RolePatch>;
export type Grant = Data<api.Grant>;

export type Address = Data<api.Address>;
export type ContactPoint = Data<api.ContactPoint>;
export type CustomValues = Record<string, string>;
export type Membership = Data<api.Membership>;
export type MembershipInput = Data<api.MembershipInput>;

export type Person = Data<api.Person>;
export type PersonCreate = Data<api.PersonCreate>;
export type PersonPatch = Data<api.PersonPatch>;
export type PersonPage = Data<api.PersonPage>;

export type Organization = Data<api.Organization>;
export type OrganizationCreate = Data<api.OrganizationCreate>;
export type OrganizationPatch = Data<api.OrganizationPatch>;
export type OrganizationPage = Data<api.OrganizationPage>;

export type SearchResult = Data<api.SearchResult>;

export type ListQuery = Data<api.ListQuery>;
export type ListTotal = Data<api.ListTotal>;
export type CustomCondition = Data<api.CustomCondition>;

export type CustomField = Data<api.CustomField>;
export type CustomFieldCreate = Data<api.CustomFieldCreate>;
export type CustomFieldPatch = Data<api.CustomFieldPatch>;

export type Note = Data<api.Note>;
export type NoteCreate = Data<api.NoteCreate>;
export type NotePatch = Data<api.NotePatch>;

export type HistoryEntry = Data<api.HistoryEntry>;
export type FieldChange = Data<api.FieldChange>;

export type SavedFilter = Data<api.SavedFilter>;
export type SavedFilterCreate = Data<api.SavedFilterCreate>;
export type SavedFilterPatch = Data<api.SavedFilterPatch>;

export type TrashItem = Data<api.TrashItem>;

export type PresenceUser = Data<api.PresenceUser>;

export type Position = Data<api.Position>;
export type Precision = Position['precision'];
export type GeoSource = Position['source'];
export type Near = Data<api.Near>;
export type MapMarker = Data<api.MapMarker>;
export type PlacedVia = Data<api.PlacedVia>;
export type RecordMap = Data<api.RecordMap>;
export type GeocodeResult = Data<api.GeocodeResult>;
export type MapConfig = Data<app.MapConfig>;

/** One page of a record list, whatever the record type. */
export interface Page<T> {
  items: T[];
  /** Continues the list after the last item; "" on the last page. */
  nextCursor: string;
  total: number;
  totalCapped: boolean;
}

/** A change as the desktop's change stream forwards it (live:changes): ids and versions, never contents. */
export type ChangeEvent = Data<api.ChangeEvent>;
export type ChangeTopic = `${api.ChangeTopic}`;
export type ChangeKind = `${api.ChangeKind}`;
/** Whether the change stream is live (the UI is current) or the desktop is reconnecting. */
export type LiveStatus = `${app.LiveStatus}`;
export type LiveState = Data<app.LiveState>;
