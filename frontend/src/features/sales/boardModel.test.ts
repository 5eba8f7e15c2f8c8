import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Board, BoardColumn, Deal } from '../../api';
import { moveCard } from './boardModel';
import { applyOptimisticMove } from './hooks';

const deal = (id: string, stageId: string, value: string): Deal => ({
  id,
  title: `Deal ${id}`,
  value,
  currency: 'EUR',
  ownerId: 'u1',
  ownerName: 'Claudia Becker',
  expectedCloseDate: '',
  personId: '',
  personName: '',
  organizationId: 'o1',
  organizationName: 'Nordlicht GmbH',
  personHidden: false,
  organizationHidden: false,
  pipelineId: 'p1',
  stageId,
  stageName: stageId,
  probability: 10,
  status: 'open',
  lostReasonId: '',
  lostReasonName: '',
  lostComment: '',
  closedAt: '',
  custom: {},
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const column = (id: string, probability: number, deals: Deal[], total: string, weighted: string): BoardColumn => ({
  stage: { id, name: id.toUpperCase(), probability, position: 0 },
  count: deals.length,
  total,
  weighted,
  deals,
  leads: [],
});

function board(): Board {
  return {
    pipeline: {
      id: 'p1',
      recordType: 'deal',
      name: 'Vertrieb',
      position: 0,
      stages: [],
      version: 1,
      createdAt: '',
      updatedAt: '',
    },
    currency: 'EUR',
    columns: [
      column('a', 10, [deal('d1', 'a', '1000.00'), deal('d2', 'a', '234.56')], '1234.56', '123.46'),
      column('b', 50, [], '0.00', '0.00'),
    ],
  };
}

describe('moveCard', () => {
  it('moves the card and its value to the target column', () => {
    const next = moveCard(board(), 'deal', 'd2', 'b');
    const [a, b] = next.columns;
    expect(a?.deals.map((card) => card.id)).toEqual(['d1']);
    expect(a?.count).toBe(1);
    expect(a?.total).toBe('1000.00');
    expect(a?.weighted).toBe('100.00');
    expect(b?.deals.map((card) => card.id)).toEqual(['d2']);
    expect(b?.deals[0]?.stageId).toBe('b');
    expect(b?.deals[0]?.probability).toBe(50);
    expect(b?.count).toBe(1);
    expect(b?.total).toBe('234.56');
    expect(b?.weighted).toBe('117.28');
  });

  it('leaves the board alone for a drop on the same column or an unknown card', () => {
    const before = board();
    expect(moveCard(before, 'deal', 'd1', 'a')).toBe(before);
    expect(moveCard(before, 'deal', 'nope', 'b')).toBe(before);
    expect(moveCard(before, 'deal', 'd1', 'zzz')).toBe(before);
  });
});

describe('applyOptimisticMove', () => {
  it('moves the cached card at once and puts it back on rollback', async () => {
    const client = new QueryClient();
    const key = ['deal', 'board', 'p1', {}];
    client.setQueryData(key, board());

    const rollback = await applyOptimisticMove(client, key, 'deal', 'd1', 'b');
    const moved = client.getQueryData<Board>(key);
    expect(moved?.columns[1]?.deals.map((card) => card.id)).toEqual(['d1']);
    expect(moved?.columns[0]?.count).toBe(1);

    rollback();
    const restored = client.getQueryData<Board>(key);
    expect(restored?.columns[0]?.deals.map((card) => card.id)).toEqual(['d1', 'd2']);
    expect(restored?.columns[0]?.total).toBe('1234.56');
    expect(restored?.columns[1]?.count).toBe(0);
  });
});
