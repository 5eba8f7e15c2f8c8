import { Anchor, Button, Card, Group, List, Progress, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SETUP_STEPS } from '../../lib/vocabulary';
import type { api } from '../../lib/wailsjs/go/models';
import { useMe } from '../auth/session';
import { useChecklist, useChecklistDismissed } from './checklist';

/** Where each step is done. */
const stepLinks: Record<`${api.SetupStep}`, string> = {
  team: '/settings/users',
  units: '/settings/units',
  pipelines: '/settings/pipelines',
  customFields: '/settings/custom-fields',
  leadSource: '/settings/lead-sources',
  import: '/imports',
};

/**
 * The first-run checklist of a new company's admin: each step links to its screen and is ticked when the company
 * has done it (the server looks). It shows only while the server offers it (a new customer company, its first 30
 * days), and goes away when every step is done, or when the admin hides it.
 */
export function ChecklistCard() {
  const { t } = useTranslation();
  const me = useMe();
  const admin = me.role.isAdmin;
  const [dismissed, dismiss] = useChecklistDismissed(me.tenant.id);
  const checklist = useChecklist(admin && !dismissed);
  // Offered only to a new customer company (the server says: created by the operator within 30 days, never the
  // demo company), and only until every step is done or the admin hides it.
  if (!admin || dismissed || !checklist.data?.offered) return null;
  const done = new Set<string>(checklist.data.done);
  if (SETUP_STEPS.every((step) => done.has(step))) return null;

  return (
    <Card withBorder padding="lg" radius="md" data-testid="checklist-card">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={3} size="h4">
            {t('checklist.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('checklist.intro')}
          </Text>
        </div>
        <Button variant="subtle" size="xs" color="gray" onClick={dismiss} data-testid="checklist-dismiss">
          {t('checklist.dismiss')}
        </Button>
      </Group>
      <Stack gap="xs">
        <Progress value={(done.size / SETUP_STEPS.length) * 100} size="sm" aria-hidden />
        <Text size="xs" c="dimmed">
          {t('checklist.progress', { done: done.size, total: SETUP_STEPS.length })}
        </Text>
        <List spacing="xs" size="sm" center>
          {SETUP_STEPS.map((step) => (
            <List.Item
              key={step}
              data-testid="checklist-step"
              data-step={step}
              data-done={done.has(step)}
              icon={
                <ThemeIcon color={done.has(step) ? 'teal' : 'gray'} variant="light" size={22} radius="xl">
                  {done.has(step) ? <IconCircleCheck size={16} /> : <IconCircleDashed size={16} />}
                </ThemeIcon>
              }
            >
              <Anchor component={Link} to={stepLinks[step]} td={done.has(step) ? 'line-through' : undefined}>
                {t(`checklist.steps.${step}`)}
              </Anchor>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}
