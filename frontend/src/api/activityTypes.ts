/** Wire types of activities, activity types and the dashboard (shared/api/activities.go; see types.ts for Data<T>). */
import { ACTIVITY_ICONS, DASHBOARD_SCOPES } from '../lib/vocabulary';
import type { api } from '../lib/wailsjs/go/models';
import type { Data } from './types';

export type ActivityType = Data<api.ActivityType>;
export type ActivityTypeCreate = Data<api.ActivityTypeCreate>;
export type ActivityTypePatch = Data<api.ActivityTypePatch>;
export type ActivityTypeList = Data<api.ActivityTypeList>;

export type Activity = Data<api.Activity>;
export type ActivityCreate = Data<api.ActivityCreate>;
export type ActivityPatch = Data<api.ActivityPatch>;
export type ActivityPage = Data<api.ActivityPage>;

/**
 * ActivityQuery as the Go side reads it: recordType is one of the record types an activity links to, or "" for "not
 * limited to one record", which the generated enum type cannot express.
 */
export type ActivityQuery = Omit<Data<api.ActivityQuery>, 'recordType'> & { recordType: ActivityLinkType | '' };

/** The record types an activity can be linked to. */
export type ActivityLinkType = 'person' | 'organization' | 'deal' | 'lead';
export const ACTIVITY_LINK_TYPES = [
  'person',
  'organization',
  'deal',
  'lead',
] as const satisfies readonly ActivityLinkType[];

/** Whose work a dashboard shows (DASHBOARD_SCOPES: from narrowest to widest). */
export type DashboardScope = `${api.DashboardScope}`;
export { DASHBOARD_SCOPES };

export function isDashboardScope(value: unknown): value is DashboardScope {
  return typeof value === 'string' && (DASHBOARD_SCOPES as readonly string[]).includes(value);
}

/** DashboardQuery as the Go side reads it: scope "" lets the server take the user's default (Me.defaultScope). */
export type DashboardQuery = Omit<Data<api.DashboardQuery>, 'scope'> & { scope: DashboardScope | '' };
export type Dashboard = Data<api.Dashboard>;
export type Figure = Data<api.Figure>;
export type FunnelStage = Data<api.FunnelStage>;
export type PeriodResult = Data<api.PeriodResult>;
export type LeadResult = Data<api.LeadResult>;
export type ActivityFigure = Data<api.ActivityFigure>;
export type UserActivities = Data<api.UserActivities>;
export type NextSteps = Data<api.NextSteps>;
export type RepPipeline = Data<api.RepPipeline>;

/**
 * The icons an activity type can carry (api.AllActivityIcons): Tabler icon names in kebab case, in Go's order. The
 * server sends the same list with the types.
 */
export type ActivityIcon = `${api.ActivityIcon}`;
export { ACTIVITY_ICONS };

export function isActivityIcon(value: string): value is ActivityIcon {
  return (ACTIVITY_ICONS as readonly string[]).includes(value);
}
