/**
 * The one place where activity type icons (api.ActivityIcons: Tabler names in kebab case) become components.
 */
import {
  IconBriefcase,
  IconCalendar,
  IconCar,
  IconCheckbox,
  IconClock,
  IconCoffee,
  IconFileText,
  IconFlag,
  IconHeartHandshake,
  IconMail,
  IconMapPin,
  IconMessage,
  IconPhone,
  IconPresentation,
  IconQuestionMark,
  IconReceipt,
  IconStar,
  IconTool,
  IconTruck,
  IconUsers,
  IconVideo,
  type Icon,
} from '@tabler/icons-react';
import { isActivityIcon, type ActivityIcon } from '../../api';

export const ACTIVITY_ICON_COMPONENTS: Readonly<Record<ActivityIcon, Icon>> = {
  phone: IconPhone,
  mail: IconMail,
  users: IconUsers,
  checkbox: IconCheckbox,
  'map-pin': IconMapPin,
  calendar: IconCalendar,
  briefcase: IconBriefcase,
  presentation: IconPresentation,
  'file-text': IconFileText,
  coffee: IconCoffee,
  car: IconCar,
  video: IconVideo,
  message: IconMessage,
  clock: IconClock,
  flag: IconFlag,
  star: IconStar,
  tool: IconTool,
  truck: IconTruck,
  // Tabler has no plain "handshake"; its handshake is drawn with a heart.
  handshake: IconHeartHandshake,
  receipt: IconReceipt,
};

/** The component of an icon name; a name this UI does not know (from a newer server) gets a question mark. */
export function activityIcon(name: string): Icon {
  return isActivityIcon(name) ? ACTIVITY_ICON_COMPONENTS[name] : IconQuestionMark;
}
