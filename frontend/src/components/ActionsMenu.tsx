import { ActionIcon, Menu, type MantineColor, type MantineSize } from '@mantine/core';
import { IconDots, type Icon } from '@tabler/icons-react';

/** One entry of an actions menu; `hidden` leaves it out (a right the user lacks, a state it does not apply to). */
export interface Action {
  icon: Icon;
  label: string;
  onClick: () => void;
  color?: MantineColor;
  disabled?: boolean;
  hidden?: boolean;
}

interface ActionsMenuProps {
  /** The button's accessible name: "Aktionen für Vertrieb Nord". */
  label: string;
  actions: readonly Action[];
  /** The button's look: subtle and grey in table rows and lists, default beside other buttons. */
  variant?: 'subtle' | 'default';
  size?: MantineSize;
  iconSize?: number;
}

/** The "…" button of a row or an item with the menu of what can be done with it. */
export function ActionsMenu({ label, actions, variant = 'subtle', size, iconSize = 16 }: ActionsMenuProps) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant={variant} color={variant === 'subtle' ? 'gray' : undefined} size={size} aria-label={label}>
          <IconDots size={iconSize} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {actions
          .filter((action) => action.hidden !== true)
          .map(({ icon: ActionIconShape, label: text, onClick, color, disabled }) => (
            <Menu.Item
              key={text}
              color={color}
              disabled={disabled}
              leftSection={<ActionIconShape size={16} />}
              onClick={onClick}
            >
              {text}
            </Menu.Item>
          ))}
      </Menu.Dropdown>
    </Menu>
  );
}
