import { ThemeIcon, type MantineSize } from '@mantine/core';
import { IconQuestionMark } from '@tabler/icons-react';
import { isActivityIcon } from '../../api';
import { ACTIVITY_ICON_COMPONENTS } from './icons';

/** Icon sizes in pixels for the ThemeIcon sizes used. */
const PIXELS: Partial<Record<MantineSize, number>> = { xs: 12, sm: 14, md: 18, lg: 22 };

/** An activity type's icon on its colour. */
export function ActivityTypeIcon({
  icon,
  color,
  size = 'md',
  label,
}: {
  icon: string;
  color: string;
  size?: MantineSize;
  /** Text for screen readers (the type's name); the icon is decorative without it. */
  label?: string;
}) {
  const Component = isActivityIcon(icon) ? ACTIVITY_ICON_COMPONENTS[icon] : IconQuestionMark;
  return (
    <ThemeIcon
      size={size}
      radius="xl"
      color={color}
      aria-label={label}
      role={label ? 'img' : undefined}
      aria-hidden={label ? undefined : true}
      data-icon={icon}
    >
      <Component size={PIXELS[size] ?? 16} stroke={1.8} />
    </ThemeIcon>
  );
}
