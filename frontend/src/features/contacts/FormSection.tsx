import { Title } from '@mantine/core';

/** The heading of a section in the person and organisation forms. */
export function FormSection({ title }: { title: string }) {
  return (
    <Title order={4} size="h6" c="dimmed" tt="uppercase" mt="xs">
      {title}
    </Title>
  );
}
