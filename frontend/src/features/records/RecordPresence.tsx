import { Avatar, Group, Text, Tooltip } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { onLiveChanges, recordsApi, type RecordType } from '../../api';
import { useFormatters } from '../../i18n/format';
import { recordKeys } from './keys';

/**
 * How often a record page renews its open record and asks again who else has it open (shared/api
 * PresenceRenewal; an entry counts for 90 s after its last renewal). Asking again is the fallback: a change of who
 * has the record open normally arrives at once as a live change.
 */
export const PRESENCE_RENEWAL_MS = 30_000;

/** The most avatars shown; the rest is a count. The sentence names everyone. */
const MAX_AVATARS = 3;

// Opening and leaving go to the server one after the other, in the order the pages asked: leaving one record and
// opening the next must not arrive swapped, or the server would drop the record just opened. Presence is best
// effort: a failure shows nothing and is repaired by the next renewal.
let sending: Promise<void> = Promise.resolve();
function inOrder(send: () => Promise<void>): void {
  sending = sending.then(send).catch(() => undefined);
}

/** Keeps the record open for this desktop while the page shows it: now, every 30 s, and left when the page goes. */
function useOpenRecord(recordType: RecordType, recordId: string): void {
  useEffect(() => {
    const open = () => {
      inOrder(() => recordsApi.openRecord(recordType, recordId));
    };
    open();
    const timer = setInterval(open, PRESENCE_RENEWAL_MS);
    return () => {
      clearInterval(timer);
      inOrder(() => recordsApi.leaveRecord());
    };
  }, [recordType, recordId]);
}

/** The other users who have the record open now: asked again on a live presence change of it, and every 30 s. */
function useOthers(recordType: RecordType, recordId: string) {
  const client = useQueryClient();
  useEffect(
    () =>
      onLiveChanges((changes) => {
        if (changes.some((change) => change.topic === 'presence' && change.parentId === recordId)) {
          void client.invalidateQueries({ queryKey: recordKeys.presence(recordType, recordId) });
        }
      }),
    [client, recordType, recordId],
  );
  return useQuery({
    queryKey: recordKeys.presence(recordType, recordId),
    queryFn: () => recordsApi.presence(recordType, recordId),
    refetchInterval: PRESENCE_RENEWAL_MS,
  });
}

/**
 * The presence line of a record page: says that this desktop has the record open while it shows it, and names the
 * other users who have it open right now ("Ebenfalls geöffnet von Jonas Weber"); nothing when nobody else has.
 */
export function RecordPresence({ recordType, recordId }: { recordType: RecordType; recordId: string }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const list = useMemo(() => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }), [locale]);
  useOpenRecord(recordType, recordId);
  const others = useOthers(recordType, recordId).data ?? [];
  if (others.length === 0) {
    return null;
  }
  const hidden = others.length - MAX_AVATARS;
  return (
    <Group gap="xs" mt={6} wrap="nowrap" aria-label={t('presence.label')} data-testid="record-presence">
      <Avatar.Group spacing="xs">
        {others.slice(0, MAX_AVATARS).map((user) => (
          <Tooltip key={user.id} label={user.name} withArrow>
            <Avatar name={user.name} color="initials" size="sm" radius="xl" />
          </Tooltip>
        ))}
        {hidden > 0 && (
          <Avatar size="sm" radius="xl">
            +{hidden}
          </Avatar>
        )}
      </Avatar.Group>
      <Text size="sm" c="dimmed" data-testid="record-presence-names">
        {t('presence.alsoOpen', { names: list.format(others.map((user) => user.name)) })}
      </Text>
    </Group>
  );
}
