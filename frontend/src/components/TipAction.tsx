import { ActionIcon, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import type { ReactNode } from 'react';

export interface TipActionProps {
  /** The tooltip. */
  tip: string;
  /** The accessible name, naming the item it acts on. */
  label: string;
  icon: ReactNode;
  onClick: () => void;
  color?: string;
  disabled?: boolean;
}

/** An icon button with a tooltip, in the actions column of a list. */
export function TipAction({ tip, label, icon, onClick, color, disabled }: TipActionProps) {
  return (
    <Tooltip label={tip}>
      <ActionIcon
        variant="subtle"
        color={color}
        disabled={disabled}
        onClick={() => {
          onClick();
        }}
        aria-label={label}
      >
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}

export interface MoveButtonsProps {
  tips: { up: string; down: string };
  labels: { up: string; down: string };
  /** Whether the item is the first or the last it can move among. */
  first: boolean;
  last: boolean;
  disabled: boolean;
  onMove: (direction: -1 | 1) => void;
}

/** The "move up" and "move down" buttons of an item in an ordered list. */
export function MoveButtons({ tips, labels, first, last, disabled, onMove }: MoveButtonsProps) {
  return (
    <>
      <TipAction
        tip={tips.up}
        label={labels.up}
        icon={<IconArrowUp size={16} />}
        color="gray"
        disabled={first || disabled}
        onClick={() => {
          onMove(-1);
        }}
      />
      <TipAction
        tip={tips.down}
        label={labels.down}
        icon={<IconArrowDown size={16} />}
        color="gray"
        disabled={last || disabled}
        onClick={() => {
          onMove(1);
        }}
      />
    </>
  );
}
