import { describe, expect, it } from 'vitest';
import { extensionOf, fileKind } from './fileKind';

describe('extensionOf', () => {
  it('takes the last extension in lower case', () => {
    expect(extensionOf('Angebot Müller.PDF')).toBe('pdf');
    expect(extensionOf('archiv.tar.gz')).toBe('gz');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
  });
});

describe('fileKind', () => {
  it('knows a document by its checked type', () => {
    expect(fileKind('Angebot.pdf', 'application/pdf')).toBe('pdf');
    expect(fileKind('scan', 'image/png')).toBe('image');
    expect(fileKind('notiz', 'text/plain; charset=utf-8')).toBe('text');
    expect(fileKind('x', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('spreadsheet');
  });

  it('lets the extension name office files that the content shows as zip or text', () => {
    expect(fileKind('Vertrag.docx', 'application/zip')).toBe('word');
    expect(fileKind('Kalkulation.xlsx', 'application/zip')).toBe('spreadsheet');
    expect(fileKind('Präsentation.pptx', 'application/octet-stream')).toBe('presentation');
    expect(fileKind('Kunden.csv', 'text/plain')).toBe('spreadsheet');
    expect(fileKind('Sammlung.zip', 'application/zip')).toBe('archive');
  });

  it('prefers a specific type over a misleading name', () => {
    expect(fileKind('bild.pdf', 'image/jpeg')).toBe('image');
  });

  it('falls back to the extension, then to other', () => {
    expect(fileKind('Mail an Müller.eml')).toBe('email');
    expect(fileKind('daten.bin', 'application/octet-stream')).toBe('other');
    expect(fileKind('ohne Endung')).toBe('other');
  });
});
