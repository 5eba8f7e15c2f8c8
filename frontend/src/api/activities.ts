import * as Activities from '../lib/wailsjs/go/app/Activities';
import { api } from '../lib/wailsjs/go/models';
import type {
  Activity,
  ActivityCreate,
  ActivityLinkType,
  ActivityPage,
  ActivityPatch,
  ActivityQuery,
  ActivityType,
  ActivityTypeCreate,
  ActivityTypeList,
  ActivityTypePatch,
  Dashboard,
  DashboardQuery,
} from './activityTypes';
import { call } from './errors';

const LINK_WIRE: Record<ActivityLinkType, api.RecordType> = {
  person: api.RecordType.Person,
  organization: api.RecordType.Organization,
  deal: api.RecordType.Deal,
  lead: api.RecordType.Lead,
};

/** Activities (plan, list, complete) and the dashboard; the server decides what the caller may see and do. */
export const activitiesApi = {
  /** The types in their order (with the icons a type can have); archived ones only when asked. */
  listTypes: (includeArchived: boolean): Promise<ActivityTypeList> =>
    call(() => Activities.ListActivityTypes(includeArchived)),
  query: (query: ActivityQuery): Promise<ActivityPage> =>
    call(() => Activities.QueryActivities(api.ActivityQuery.createFrom(query))),
  get: (id: string): Promise<Activity> => call(() => Activities.GetActivity(id)),
  create: (input: ActivityCreate): Promise<Activity> =>
    call(() => Activities.CreateActivity(api.ActivityCreate.createFrom(input))),
  update: (id: string, version: number, patch: ActivityPatch): Promise<Activity> =>
    call(() => Activities.UpdateActivity(id, version, api.ActivityPatch.createFrom(patch))),
  delete: (id: string, version: number): Promise<void> => call(() => Activities.DeleteActivity(id, version)),
  /** A record's activities: open first (by due time), then done. */
  ofRecord: (recordType: ActivityLinkType, recordId: string): Promise<ActivityPage> =>
    call(() => Activities.RecordActivities(LINK_WIRE[recordType], recordId)),
  dashboard: (query: DashboardQuery): Promise<Dashboard> =>
    call(() => Activities.Dashboard(api.DashboardQuery.createFrom(query))),
};

/** What admins change: the activity types. Changes pass the version they were based on. */
export const activityAdminApi = {
  createType: (input: ActivityTypeCreate): Promise<ActivityType> =>
    call(() => Activities.CreateActivityType(api.ActivityTypeCreate.createFrom(input))),
  /** Changes, reorders (position), archives (archived true) or restores (archived false) a type. */
  updateType: (id: string, version: number, patch: ActivityTypePatch): Promise<ActivityType> =>
    call(() => Activities.UpdateActivityType(id, version, api.ActivityTypePatch.createFrom(patch))),
  /** Deletes an unused type; one in use answers 409 (fields.id "in_use") and can be archived instead. */
  deleteType: (id: string, version: number): Promise<void> => call(() => Activities.DeleteActivityType(id, version)),
};
