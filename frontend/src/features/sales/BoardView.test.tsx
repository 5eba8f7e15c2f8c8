import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Board, BoardColumn } from '../../api';
import { renderWithProviders } from '../../test/render';
import { BoardView } from './BoardView';
import { BOARD_CARDS } from './hooks';
import { deal, pipeline } from './testData';

function column(stageIndex: number, shown: number, count: number): BoardColumn {
  const stage = pipeline.stages[stageIndex];
  if (!stage) throw new Error(`no stage ${String(stageIndex)}`);
  return {
    stage,
    count,
    total: '0.00',
    weighted: '0.00',
    deals: Array.from({ length: shown }, (_, i) =>
      deal({ id: `${stage.id}-${String(i)}`, title: `Deal ${String(i)}`, stageId: stage.id }),
    ),
    leads: [],
  };
}

function renderBoard(columns: BoardColumn[], onMore = vi.fn()) {
  const board: Board = { pipeline, columns, currency: 'EUR' };
  renderWithProviders(
    <BoardView
      recordType="deal"
      board={board}
      canMove={false}
      onMove={vi.fn()}
      detailPath={(id) => `/deals/${id}`}
      cardBody={() => null}
      onMore={onMore}
    />,
  );
  return onMore;
}

describe('BoardView', () => {
  it('offers more cards of a column that shows fewer than it counts, and asks for them by stage', async () => {
    const onMore = renderBoard([column(0, 15, 40), column(1, 3, 3)]);
    const more = screen.getByTestId('column-more');
    expect(more).toHaveTextContent('Weitere laden (15 von 40)');
    await userEvent.click(more);
    expect(onMore).toHaveBeenCalledWith('st-1', 15);
  });

  it('says how many more there are once a column shows the most it can', () => {
    renderBoard([column(0, BOARD_CARDS.max, BOARD_CARDS.max + 100), column(1, 0, 0)]);
    expect(screen.queryByTestId('column-more')).not.toBeInTheDocument();
    expect(screen.getByText('… und 100 weitere')).toBeInTheDocument();
  });
});
