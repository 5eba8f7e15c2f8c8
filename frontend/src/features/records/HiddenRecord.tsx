import { Anchor, CloseButton, Group, Input, Text, Tooltip, VisuallyHidden, type MantineSize } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { RecordType } from '../../api';
import { recordTypeEntry } from './registry';

/**
 * A linked record the user may not see, in place of its name: the server says that a record is linked (a deal's
 * person, an activity's deal) but not which one, so there is nothing to name and nothing to link to.
 * With recordType the text says what kind of record it is ("Person nicht sichtbar"), for places without a label.
 */
export function HiddenRecord({ recordType, size = 'sm' }: { recordType?: RecordType; size?: MantineSize }) {
  const { t } = useTranslation();
  const text = recordType
    ? t('records.hidden.typed', { type: t(`records.types.${recordType}`) })
    : t('records.hidden.label');
  return (
    <Tooltip label={t('records.hidden.tooltip')} withArrow multiline maw={280}>
      <Text
        span
        size={size}
        c="dimmed"
        fs="italic"
        data-testid="hidden-record"
        data-record-type={recordType}
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4, verticalAlign: 'middle', whiteSpace: 'nowrap' }}
      >
        <IconLock size="1em" aria-hidden stroke={1.75} />
        {text}
        {/* The tooltip's explanation, for screen readers (the tooltip itself only opens on hover). */}
        <VisuallyHidden component="span"> ({t('records.hidden.tooltip')})</VisuallyHidden>
      </Text>
    </Tooltip>
  );
}

/**
 * A record that another links, as the UI shows it everywhere: a link to its page, the placeholder when the user may
 * not see it (hidden), nothing when there is none. showType names the kind in the placeholder.
 */
export function LinkedRecord({
  recordType,
  id,
  name,
  hidden,
  showType = false,
  size,
  onClick,
}: {
  recordType: RecordType;
  id: string;
  name: string;
  hidden: boolean;
  showType?: boolean;
  size?: MantineSize;
  onClick?: (event: MouseEvent<HTMLAnchorElement>) => void;
}) {
  if (hidden) return <HiddenRecord recordType={showType ? recordType : undefined} size={size} />;
  const entry = recordTypeEntry(recordType);
  if (id === '' || !entry) return name === '' ? null : <>{name}</>;
  return (
    <Anchor component={Link} to={entry.detailPath(id)} size={size} onClick={onClick}>
      {name}
    </Anchor>
  );
}

/**
 * A form's picker of a linked record (children), or, while the link is a record the user may not see and kept as
 * it is (hidden), the placeholder in its place: it says that the link stays, and its button gives the picker back
 * (empty) to replace or remove the link.
 */
export function HiddenLinkField({
  hidden,
  label,
  onReplace,
  error,
  children,
}: {
  hidden: boolean;
  label: string;
  /** The user wants to change the link: the form clears hidden and shows its picker. */
  onReplace: () => void;
  error?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  if (!hidden) return <>{children}</>;
  return (
    <Input.Wrapper label={label} description={t('records.hidden.kept')} error={error} data-testid="hidden-link-field">
      <Input
        component="div"
        error={Boolean(error)}
        rightSectionPointerEvents="all"
        rightSection={
          <CloseButton size="sm" onClick={onReplace} aria-label={t('records.hidden.replace', { field: label })} />
        }
      >
        <Group h="100%" align="center" wrap="nowrap">
          <HiddenRecord />
        </Group>
      </Input>
    </Input.Wrapper>
  );
}
