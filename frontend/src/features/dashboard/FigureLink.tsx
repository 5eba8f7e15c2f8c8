import { UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';

/**
 * A number that opens the list behind it. The list is filtered with the figure's own query, so it shows exactly as
 * many records as the number says.
 */
export function FigureLink({
  to,
  count,
  testId,
  children,
  label,
}: {
  to: string;
  count: number;
  testId: string;
  children: ReactNode;
  /** What opening it shows, for screen readers: read after the visible figure, which starts the button's name. */
  label: string;
}) {
  const navigate = useNavigate();
  return (
    <UnstyledButton
      onClick={() => void navigate(to)}
      data-testid={testId}
      data-count={count}
      data-to={to}
      style={{ borderRadius: 'var(--mantine-radius-sm)' }}
      className="dashboard-figure"
    >
      {children}
      <VisuallyHidden> {label}</VisuallyHidden>
    </UnstyledButton>
  );
}
