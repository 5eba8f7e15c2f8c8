import { Anchor, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconPencil, IconTrash } from '@tabler/icons-react';
import { createContext, use, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { Link, useLocation, useParams } from 'react-router';
import type { RecordType } from '../../api';
import { QueryError } from '../../components/QueryError';
import { useRecordGone } from '../live/hooks';
import { RecordGone } from '../live/RecordGone';
import type { RecordChange } from '../live/store';
import { RecordPresence } from './RecordPresence';
import { wantsTitleFocus } from './titleFocus';

/** The record a detail page shows (RecordDetailPage), for its frame (RecordDetailLayout): presence. */
const ShownRecord = createContext<{ recordType: RecordType; id: string } | null>(null);

/**
 * The frame of every detail page: back link, name (with who else has the record open) and actions on top, the
 * record's cards left, notes and history right.
 */
export function RecordDetailLayout({
  backTo,
  backLabel,
  title,
  subtitle,
  actions,
  main,
  side,
  testId,
}: {
  backTo: string;
  backLabel: string;
  title: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  main: ReactNode;
  side: ReactNode;
  testId: string;
}) {
  const shown = use(ShownRecord);
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  // A record just created (useOpenCreatedRecord): the focus starts on its title.
  useEffect(() => {
    if (wantsTitleFocus(location.state)) heading.current?.focus();
  }, [location.key, location.state]);
  return (
    <Stack maw={1400} gap="lg" data-testid={testId}>
      <div>
        <Anchor component={Link} to={backTo} size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} />
            {backLabel}
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-start" mt="xs">
          <div>
            <Title order={2} data-testid="record-title" ref={heading} tabIndex={-1}>
              {title}
            </Title>
            {subtitle && (
              <Text c="dimmed" size="sm" mt={4}>
                {subtitle}
              </Text>
            )}
            {shown && <RecordPresence recordType={shown.recordType} recordId={shown.id} />}
          </div>
          <Group gap="xs">{actions}</Group>
        </Group>
      </div>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">{main}</Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">{side}</Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/** Edit and delete buttons of a detail page, each only when the role grants it. */
export function RecordActions({
  canEdit,
  canDelete,
  onEdit,
  onDelete,
  busy,
}: {
  canEdit: boolean;
  canDelete: boolean;
  onEdit: () => void;
  onDelete: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      {canEdit && (
        <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit} disabled={busy}>
          {t('common.edit')}
        </Button>
      )}
      {canDelete && (
        <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={onDelete} loading={busy}>
          {t('common.delete')}
        </Button>
      )}
    </>
  );
}

/** Loading and error states of a detail page, and the notice of a record gone meanwhile, with the way back. */
function RecordDetailFallback({
  error,
  onRetry,
  backTo,
  backLabel,
  gone,
}: {
  error: unknown;
  onRetry: () => void;
  backTo: string;
  backLabel: string;
  gone?: RecordChange;
}) {
  return (
    <Stack maw={900}>
      <Anchor component={Link} to={backTo} size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {backLabel}
        </Group>
      </Anchor>
      {gone ? <RecordGone gone={gone} /> : error ? <QueryError error={error} onRetry={onRetry} /> : <Loading />}
    </Stack>
  );
}

const LIST_TYPES = {
  deals: 'deal',
  leads: 'lead',
  persons: 'person',
  organizations: 'organization',
} as const satisfies Record<string, RecordType>;

/** What a detail page loads: its record, by the id in the route. */
interface RecordQuery<T> {
  data: T | undefined;
  error: unknown;
  refetch: () => Promise<unknown>;
}

/**
 * A detail page: loads the record named by the route's parameter and shows the loading and error states (with the
 * way back to the list) until it has it; then the detail, keyed by the id so that another record starts afresh,
 * which says (presence) that this desktop has the record open while it shows it.
 */
export function RecordDetailPage<T extends { version: number }>({
  param,
  useRecord,
  list,
  children,
}: {
  /** The route parameter that holds the record's id. */
  param: string;
  useRecord: (id: string) => RecordQuery<T>;
  /** The list the page belongs to: its path and its "back to the list" text. */
  list: keyof typeof LIST_TYPES;
  children: (record: T, id: string) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useParams()[param] ?? '';
  const query = useRecord(id);
  const shown = useMemo(() => ({ recordType: LIST_TYPES[list], id }), [list, id]);
  // Deleted, or out of sight, while the page was open (the change stream says so): that, not "not found". A record
  // loaded in a newer version than its going (restored meanwhile) is back.
  const going = useRecordGone(LIST_TYPES[list], id);
  const gone = going && !(query.data && query.data.version > going.version) ? going : undefined;
  if (query.data === undefined || gone) {
    return (
      <RecordDetailFallback
        gone={gone}
        error={query.error}
        onRetry={() => void query.refetch()}
        backTo={`/${list}`}
        backLabel={t(`${list}.backToList`)}
      />
    );
  }
  return (
    <ShownRecord key={id} value={shown}>
      {children(query.data, id)}
    </ShownRecord>
  );
}
