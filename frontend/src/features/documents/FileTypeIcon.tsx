import { ThemeIcon } from '@mantine/core';
import {
  IconFile,
  IconFileMusic,
  IconFileSpreadsheet,
  IconFileText,
  IconFileTypePdf,
  IconFileTypePpt,
  IconFileWord,
  IconFileZip,
  IconMail,
  IconMovie,
  IconPhoto,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { fileKind, type FileKind } from './fileKind';

const ICONS: Record<FileKind, { icon: Icon; color: string }> = {
  pdf: { icon: IconFileTypePdf, color: 'red' },
  word: { icon: IconFileWord, color: 'blue' },
  spreadsheet: { icon: IconFileSpreadsheet, color: 'green' },
  presentation: { icon: IconFileTypePpt, color: 'orange' },
  image: { icon: IconPhoto, color: 'grape' },
  archive: { icon: IconFileZip, color: 'yellow' },
  text: { icon: IconFileText, color: 'gray' },
  email: { icon: IconMail, color: 'cyan' },
  audio: { icon: IconFileMusic, color: 'pink' },
  video: { icon: IconMovie, color: 'violet' },
  other: { icon: IconFile, color: 'gray' },
};

/** The icon of a document's kind (PDF, table, image, ...), named for screen readers. */
export function FileTypeIcon({ fileName, contentType }: { fileName: string; contentType: string }) {
  const { t } = useTranslation();
  const kind = fileKind(fileName, contentType);
  const { icon: KindIcon, color } = ICONS[kind];
  return (
    <ThemeIcon
      variant="light"
      color={color}
      size="lg"
      radius="md"
      role="img"
      aria-label={t(`documents.kinds.${kind}`)}
      data-kind={kind}
    >
      <KindIcon size={20} stroke={1.6} />
    </ThemeIcon>
  );
}
