import { Tabs } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PipelineType } from '../../../api';

const TYPES: readonly PipelineType[] = ['deal', 'lead'];

/** Tabs for deals and leads, each rendering children(type) when shown. */
export function RecordTypeTabs({ children }: { children: (recordType: PipelineType) => ReactNode }) {
  const { t } = useTranslation();
  const [recordType, setRecordType] = useState<PipelineType>('deal');
  return (
    <Tabs
      value={recordType}
      onChange={(value) => {
        const next = TYPES.find((candidate) => candidate === value);
        if (next) setRecordType(next);
      }}
      keepMounted={false}
    >
      <Tabs.List>
        {TYPES.map((type) => (
          <Tabs.Tab key={type} value={type}>
            {t(`salesSettings.recordTypes.${type}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {TYPES.map((type) => (
        <Tabs.Panel key={type} value={type} pt="md">
          {children(type)}
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
