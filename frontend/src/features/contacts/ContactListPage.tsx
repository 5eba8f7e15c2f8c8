import { Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import type { ListQuery, Page } from '../../api';
import { ListViewSwitch } from '../maps/ListViewSwitch';
import { useListView } from '../maps/useListView';
import { RecordList, type Column } from '../records/list/RecordList';
import { RecordsPageHeader } from '../records/list/RecordsPageHeader';
import { useOpenCreatedRecord } from '../records/titleFocus';

/** What the create form (a modal) of a contact list gets from the page. */
export interface CreateFormProps<T> {
  opened: boolean;
  onClose: () => void;
  onSaved: (record: T) => void;
}

interface ContactListPageProps<T extends { id: string }> {
  recordType: 'person' | 'organization';
  title: string;
  createLabel: string;
  emptyText: string;
  columns: readonly Column<T>[];
  fetchPage: (query: ListQuery) => Promise<Page<T>>;
  itemName: (item: T) => string;
  organizationFilter?: (value: string, onChange: (value: string) => void) => ReactNode;
  createForm: (props: CreateFormProps<T>) => ReactNode;
}

/** Persons or organisations: the list (or map) with its header; a new record opens once it is saved. */
export function ContactListPage<T extends { id: string }>({
  recordType,
  title,
  createLabel,
  emptyText,
  columns,
  fetchPage,
  itemName,
  organizationFilter,
  createForm,
}: ContactListPageProps<T>) {
  const openCreated = useOpenCreatedRecord();
  const [creating, setCreating] = useState(false);
  const [view, setView] = useListView();
  const basePath = `/${recordType}s`;

  return (
    <Stack maw={1400}>
      <RecordsPageHeader
        recordType={recordType}
        title={title}
        createLabel={createLabel}
        onCreate={() => {
          setCreating(true);
        }}
      />
      <ListViewSwitch value={view} onChange={setView} />
      <RecordList
        view={view}
        recordType={recordType}
        columns={columns}
        fetchPage={fetchPage}
        detailPath={(item) => `${basePath}/${item.id}`}
        itemName={itemName}
        emptyText={emptyText}
        organizationFilter={organizationFilter}
        testId={`${recordType}s-list`}
      />
      {createForm({
        opened: creating,
        onClose: () => {
          setCreating(false);
        },
        onSaved: (record) => {
          openCreated(`${basePath}/${record.id}`);
        },
      })}
    </Stack>
  );
}
