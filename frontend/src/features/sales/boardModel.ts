/** What moving a card does to a board: the card changes column, counts and sums follow. Pure, for optimistic updates. */
import type {
  Announcements,
  KeyboardCoordinateGetter,
  ScreenReaderInstructions,
  UniqueIdentifier,
} from '@dnd-kit/core';
import type { TFunction } from 'i18next';
import type { Board, BoardColumn, Deal, Lead, PipelineType } from '../../api';
import { fromCents, toCents } from './money';

export type Card = Deal | Lead;

export function columnCards(column: BoardColumn, recordType: PipelineType): Card[] {
  return recordType === 'deal' ? column.deals : column.leads;
}

/** The column holding a card, or undefined. */
export function findCard(board: Board, recordType: PipelineType, cardId: string) {
  for (const column of board.columns) {
    const card = columnCards(column, recordType).find((candidate) => candidate.id === cardId);
    if (card) return { column, card };
  }
  return undefined;
}

function cents(card: Card): number {
  return 'value' in card ? (toCents(card.value) ?? 0) : 0;
}

function weightedCents(value: number, probability: number): number {
  return Math.round((value * probability) / 100);
}

function withCards(column: BoardColumn, recordType: PipelineType, cards: Card[]): BoardColumn {
  return recordType === 'deal' ? { ...column, deals: cards as Deal[] } : { ...column, leads: cards as Lead[] };
}

function shift(column: BoardColumn, sign: 1 | -1, value: number): BoardColumn {
  return {
    ...column,
    count: column.count + sign,
    total: fromCents((toCents(column.total) ?? 0) + sign * value),
    weighted: fromCents((toCents(column.weighted) ?? 0) + sign * weightedCents(value, column.stage.probability)),
  };
}

/**
 * The board after moving a card to another stage: the card leaves its column and heads the target column with its
 * stage changed; both columns' counts, totals and weighted values follow. The same board when nothing moves.
 */
export function moveCard(board: Board, recordType: PipelineType, cardId: string, toStageId: string): Board {
  const found = findCard(board, recordType, cardId);
  if (!found || found.column.stage.id === toStageId) return board;
  const target = board.columns.find((column) => column.stage.id === toStageId);
  if (!target) return board;
  const value = cents(found.card);
  const moved = {
    ...found.card,
    stageId: target.stage.id,
    stageName: target.stage.name,
    ...(recordType === 'deal' && { probability: target.stage.probability }),
  } as Card;
  return {
    ...board,
    columns: board.columns.map((column) => {
      if (column.stage.id === found.column.stage.id) {
        const cards = columnCards(column, recordType).filter((card) => card.id !== cardId);
        return shift(withCards(column, recordType, cards), -1, value);
      }
      if (column.stage.id === toStageId) {
        return shift(withCards(column, recordType, [moved, ...columnCards(column, recordType)]), 1, value);
      }
      return column;
    }),
  };
}

/** A card's value in its column after a server answer (new version, say), leaving everything else. */
export function replaceCard(board: Board, recordType: PipelineType, card: Card): Board {
  return {
    ...board,
    columns: board.columns.map((column) =>
      withCards(
        column,
        recordType,
        columnCards(column, recordType).map((candidate) => (candidate.id === card.id ? card : candidate)),
      ),
    ),
  };
}

/**
 * What a screen reader hears while a card is moved by keyboard or pointer, in the UI's language: the record's title
 * and the stages' names, never the internal ids that dnd-kit's English defaults read out.
 */
export function boardAnnouncements(t: TFunction, board: Board, recordType: PipelineType): Announcements {
  const title = (id: UniqueIdentifier) => findCard(board, recordType, String(id))?.card.title ?? '';
  const stageName = (id: UniqueIdentifier) =>
    board.columns.find((column) => column.stage.id === String(id))?.stage.name ?? '';
  const from = (id: UniqueIdentifier) => findCard(board, recordType, String(id))?.column.stage.name ?? '';
  return {
    onDragStart: ({ active }) => t('sales.board.pickedUp', { title: title(active.id), stage: from(active.id) }),
    // dnd-kit reports the card over its own column right after the pick-up, which would cut the pick-up's
    // announcement short: over its own column the card is still "picked up" there.
    onDragOver: ({ active, over }) => {
      if (!over) return t('sales.board.overNothing', { title: title(active.id) });
      const stage = stageName(over.id);
      return stage === from(active.id)
        ? t('sales.board.pickedUp', { title: title(active.id), stage })
        : t('sales.board.over', { title: title(active.id), stage });
    },
    onDragEnd: ({ active, over }) => {
      const stage = over ? stageName(over.id) : '';
      return stage && stage !== from(active.id)
        ? t('sales.board.dropped', { title: title(active.id), stage })
        : t('sales.board.stayed', { title: title(active.id), stage: from(active.id) });
    },
    onDragCancel: ({ active }) => t('sales.board.cancelled', { title: title(active.id), stage: from(active.id) }),
  };
}

/** How a card is used by keyboard, read out when a card gets the focus. */
export function boardInstructions(t: TFunction): ScreenReaderInstructions {
  return { draggable: t('sales.board.instructions') };
}

/**
 * The left and right arrow keys move a picked-up card to the top of the previous or next column (dnd-kit's default
 * moves it by 25 pixels); the other keys do nothing.
 */
export const columnCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers } = context;
  if (!collisionRect) return undefined;
  const columns = droppableContainers
    .getEnabled()
    .map((container) => droppableRects.get(container.id))
    .filter((rect) => rect !== undefined)
    .sort((a, b) => a.left - b.left);
  const center = collisionRect.left + collisionRect.width / 2;
  const current = columns.findIndex((rect) => center >= rect.left && center <= rect.left + rect.width);
  const target = columns[current + (event.code === 'ArrowRight' ? 1 : -1)];
  if (current === -1 || !target) return undefined;
  return { x: target.left + (target.width - collisionRect.width) / 2, y: target.top + 8 };
};
