import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isContactKind, openExternal, type ContactPoint } from '../../api';

/** A link that opens with the system's program (mail, phone, browser). */
export function ExternalLink({ href, children }: { href: string; children: string }) {
  return (
    <Anchor
      href={href}
      onClick={(event) => {
        event.preventDefault();
        openExternal(href);
      }}
    >
      {children}
    </Anchor>
  );
}

/** E-mail addresses or phone numbers, one per line, with their kind. */
export function ContactPointList({ points, scheme }: { points: readonly ContactPoint[]; scheme: 'mailto' | 'tel' }) {
  const { t } = useTranslation();
  if (points.length === 0) {
    return '';
  }
  return (
    <Stack gap={2} component="span">
      {points.map((point) => (
        <Text key={`${point.kind}-${point.value}`} component="span" size="sm">
          <ExternalLink href={`${scheme}:${point.value.replace(/\s/g, '')}`}>{point.value}</ExternalLink>{' '}
          <Text span c="dimmed" size="xs">
            {isContactKind(point.kind) ? t(`contactKinds.${point.kind}`) : point.kind}
          </Text>
        </Text>
      ))}
    </Stack>
  );
}

/** A web address as a link; "www.x.de" opens as https://www.x.de. */
export function WebsiteLink({ url }: { url: string }) {
  if (url === '') {
    return '';
  }
  const href = /^https?:\/\//i.test(url) ? url : `https://${url}`;
  return <ExternalLink href={href}>{url}</ExternalLink>;
}
