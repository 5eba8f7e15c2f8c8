/** Wire types of the notification centre (shared/api/notifications.go; see types.ts for Data<T>). */
import { NOTIFICATION_KINDS } from '../lib/vocabulary';
import type { api } from '../lib/wailsjs/go/models';
import type { Data } from './types';

export type Notification = Data<api.Notification>;
export type NotificationPage = Data<api.NotificationPage>;
export type NotificationCount = Data<api.NotificationCount>;
export type NotificationKind = `${api.NotificationKind}`;

export { NOTIFICATION_KINDS };
