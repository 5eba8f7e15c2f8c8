import {
  DndContext,
  PointerSensor,
  KeyboardSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import { Badge, Box, Button, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { createContext, use, useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Board, BoardColumn, PipelineType } from '../../api';
import { useFormatters } from '../../i18n/format';
import {
  boardAnnouncements,
  boardInstructions,
  columnCards,
  columnCoordinates,
  findCard,
  type Card,
} from './boardModel';
import { BOARD_CARDS } from './hooks';
import { formatMoney } from './money';

interface BoardViewProps {
  recordType: PipelineType;
  board: Board;
  /** Whether cards may be dragged (the role may edit). */
  canMove: boolean;
  onMove: (card: Card, toStageId: string) => void;
  detailPath: (id: string) => string;
  /** The lines under a card's title. */
  cardBody: (card: Card) => ReactNode;
  /** Asks for more cards of a column that shows `shown` of more (its "Weitere laden"); none: no such button. */
  onMore?: (stageId: string, shown: number) => void;
}

/**
 * The keys that move a card by keyboard: Space picks it up and drops it (Enter opens the card instead), Escape
 * cancels. Enter drops too while a card is picked up.
 */
const KEYBOARD_CODES = { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] };

/**
 * Whether the card with this id, shown in this stage's column, is the one just dropped there: it then gets the
 * focus; true once per drop. The card that was dragged renders again in its old column before the move reaches
 * the board, and that element goes away with the move, so only the card in the target column takes the focus.
 */
const FocusAfterDrop = createContext<((cardId: string, stageId: string) => boolean) | null>(null);

/** How long a dropped card waits to show up in its new column before it gives up the claim to the focus. */
const FOCUS_AFTER_DROP_MS = 10_000;

/** A pipeline's stages as columns of cards; dragging a card to another column moves it to that stage. */
export function BoardView({ recordType, board, canMove, onMove, detailPath, cardBody, onMore }: BoardViewProps) {
  const { t } = useTranslation();
  const sensors = useSensors(
    // A few pixels of movement start a drag, so that a click still opens the card.
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { keyboardCodes: KEYBOARD_CODES, coordinateGetter: columnCoordinates }),
  );
  const droppedCard = useRef<{ id: string; stageId: string; until: number } | null>(null);
  const focusAfterDrop = useCallback((cardId: string, stageId: string) => {
    const dropped = droppedCard.current;
    if (dropped?.id !== cardId || dropped.stageId !== stageId) return false;
    droppedCard.current = null;
    return Date.now() < dropped.until;
  }, []);

  // The click that ends a drag must not open the card.
  const lastDrag = useRef(0);
  const justDragged = useCallback(() => Date.now() - lastDrag.current < 300, []);

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    lastDrag.current = Date.now();
    const found = findCard(board, recordType, String(active.id));
    if (!found) return;
    const toStageId = over ? String(over.id) : found.column.stage.id;
    droppedCard.current = { id: found.card.id, stageId: toStageId, until: Date.now() + FOCUS_AFTER_DROP_MS };
    if (found.column.stage.id !== toStageId) {
      onMove(found.card, toStageId);
    }
  };

  return (
    <Stack gap="xs">
      {canMove && (
        <Text size="xs" c="dimmed">
          {t('sales.board.dragHint')}
        </Text>
      )}
      <DndContext
        sensors={sensors}
        accessibility={{
          announcements: boardAnnouncements(t, board, recordType),
          screenReaderInstructions: boardInstructions(t),
        }}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          lastDrag.current = Date.now();
        }}
      >
        <FocusAfterDrop value={focusAfterDrop}>
          <ScrollArea type="auto" offsetScrollbars>
            <Group align="flex-start" wrap="nowrap" gap="sm" data-testid="board">
              {board.columns.map((column) => (
                <BoardColumnView
                  key={column.stage.id}
                  recordType={recordType}
                  column={column}
                  currency={board.currency}
                  canMove={canMove}
                  detailPath={detailPath}
                  cardBody={cardBody}
                  justDragged={justDragged}
                  onMore={onMore}
                />
              ))}
            </Group>
          </ScrollArea>
        </FocusAfterDrop>
      </DndContext>
    </Stack>
  );
}

function BoardColumnView({
  recordType,
  column,
  currency,
  canMove,
  detailPath,
  cardBody,
  justDragged,
  onMore,
}: {
  recordType: PipelineType;
  column: BoardColumn;
  currency: string;
  canMove: boolean;
  detailPath: (id: string) => string;
  cardBody: (card: Card) => ReactNode;
  justDragged: () => boolean;
  onMore?: (stageId: string, shown: number) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const { setNodeRef, isOver } = useDroppable({ id: column.stage.id });
  const cards = columnCards(column, recordType);
  const hidden = column.count - cards.length;

  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="md"
      p="sm"
      w={280}
      miw={280}
      bg={isOver ? 'blue.0' : 'gray.0'}
      role="group"
      aria-label={column.stage.name}
      data-testid="board-column"
      data-stage={column.stage.name}
      data-count={column.count}
      data-total={column.total}
      data-weighted={column.weighted}
    >
      <Stack gap={4} mb="sm">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} size="sm" truncate>
            {column.stage.name}
          </Text>
          <Badge variant="light" data-testid="column-count">
            {t('sales.board.count', { count: column.count })}
          </Badge>
        </Group>
        {recordType === 'deal' && (
          <>
            <Text size="xs" data-testid="column-total">
              {t('sales.board.total', { value: formatMoney(column.total, currency, locale) })}
            </Text>
            <Text size="xs" c="dimmed" data-testid="column-weighted">
              {t('sales.board.weighted', { value: formatMoney(column.weighted, currency, locale) })} ·{' '}
              {column.stage.probability} %
            </Text>
          </>
        )}
      </Stack>
      <Stack gap="xs" mih={80}>
        {cards.length === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="md">
            {t('sales.board.empty')}
          </Text>
        )}
        {cards.map((card) => (
          <BoardCard
            key={card.id}
            card={card}
            stageId={column.stage.id}
            canMove={canMove}
            detailPath={detailPath}
            body={cardBody(card)}
            justDragged={justDragged}
          />
        ))}
        {hidden > 0 &&
          (onMore && cards.length < BOARD_CARDS.max ? (
            <Button
              variant="subtle"
              size="compact-xs"
              onClick={() => {
                onMore(column.stage.id, cards.length);
              }}
              data-testid="column-more"
            >
              {t('sales.board.loadMore', { shown: cards.length, total: column.count })}
            </Button>
          ) : (
            <Text size="xs" c="dimmed" ta="center">
              {t('sales.board.more', { count: hidden })}
            </Text>
          ))}
      </Stack>
    </Paper>
  );
}

function BoardCard({
  card,
  stageId,
  canMove,
  detailPath,
  body,
  justDragged,
}: {
  card: Card;
  stageId: string;
  canMove: boolean;
  detailPath: (id: string) => string;
  body: ReactNode;
  justDragged: () => boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({
    id: card.id,
    disabled: !canMove,
    attributes: { roleDescription: t('sales.board.cardRole') },
  });
  // A moved card comes back as a new element in its new column: it takes the focus the dragged one had.
  const focusAfterDrop = use(FocusAfterDrop);
  const node = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (focusAfterDrop?.(card.id, stageId)) node.current?.focus();
  });
  const open = () => void navigate(detailPath(card.id));
  return (
    <Box
      ref={(element: HTMLDivElement | null) => {
        node.current = element;
        setNodeRef(element);
      }}
      {...listeners}
      {...attributes}
      // Only who may move cards hears how; the others open them with Enter.
      aria-roledescription={canMove ? attributes['aria-roledescription'] : undefined}
      aria-describedby={canMove ? attributes['aria-describedby'] : undefined}
      aria-disabled={undefined}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !isDragging) {
          event.preventDefault();
          open();
          return;
        }
        listeners?.onKeyDown?.(event);
      }}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        zIndex: isDragging ? 10 : undefined,
        cursor: canMove ? 'grab' : 'pointer',
        touchAction: 'none',
      }}
      onClick={() => {
        if (!justDragged()) open();
      }}
      data-testid="board-card"
      data-card-id={card.id}
      data-name={card.title}
    >
      <Paper withBorder radius="sm" p="xs" shadow={isDragging ? 'md' : undefined}>
        <Text size="sm" fw={600} lineClamp={2}>
          {card.title}
        </Text>
        {body}
      </Paper>
    </Box>
  );
}
