import { afterEach, describe, expect, it } from 'vitest';
import type { UploadFailure } from '../../api';
import { changeLanguage, i18n } from '../../i18n';
import { formatters } from '../../i18n/format';
import { uploadFailureText } from './failureText';

const failure = (code: string, status: number): UploadFailure => ({
  path: '/tmp/Angebot.pdf',
  fileName: 'Angebot.pdf',
  status,
  code,
  message: 'english text for logs',
  fields: {},
});

const plain = (text: string) => text.replace(/\s/g, ' ');

afterEach(async () => {
  await changeLanguage('de');
});

describe('uploadFailureText', () => {
  const bytes = formatters('de').bytes;

  it('tells how much of the storage is taken when the quota refused a file', () => {
    const text = uploadFailureText(
      i18n.t.bind(i18n),
      failure('quota.exceeded', 413),
      { usedBytes: 1_073_000_000, reservedBytes: 600_000, limitBytes: 1_073_741_824 },
      bytes,
    );
    expect(plain(text)).toContain('1 GB von 1 GB sind belegt');
  });

  it('falls back to the plain quota text while the usage is unknown', () => {
    expect(uploadFailureText(i18n.t.bind(i18n), failure('quota.exceeded', 413), undefined, bytes)).toBe(
      'Ihr Speicherplatz reicht für diese Datei nicht aus.',
    );
  });

  it('translates the other refusals of the server and the desktop', () => {
    const t = i18n.t.bind(i18n);
    expect(uploadFailureText(t, failure('document.type_mismatch', 415), undefined, bytes)).toContain(
      'passt nicht zu ihrem Dateityp',
    );
    expect(uploadFailureText(t, failure('document.too_large', 413), undefined, bytes)).toBe(
      'Die Datei ist größer, als der Server annimmt.',
    );
    expect(uploadFailureText(t, failure('file.unreadable', 0), undefined, bytes)).toContain('nicht gelesen werden');
  });

  it('speaks English when the UI does', async () => {
    await changeLanguage('en');
    const text = uploadFailureText(
      i18n.t.bind(i18n),
      failure('quota.exceeded', 413),
      { usedBytes: 1_288_490_189, reservedBytes: 0, limitBytes: 53_687_091_200 },
      formatters('en').bytes,
    );
    expect(plain(text)).toContain('1.2 GB of 50 GB are in use');
  });
});
