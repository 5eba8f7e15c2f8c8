/** What a document is, for its icon: by the checked content type first, then by the name's extension. */
export const FILE_KINDS = [
  'pdf',
  'word',
  'spreadsheet',
  'presentation',
  'image',
  'archive',
  'text',
  'email',
  'audio',
  'video',
  'other',
] as const;

export type FileKind = (typeof FILE_KINDS)[number];

const BY_EXTENSION: Record<string, FileKind> = {
  pdf: 'pdf',
  doc: 'word',
  docx: 'word',
  odt: 'word',
  rtf: 'word',
  pages: 'word',
  xls: 'spreadsheet',
  xlsx: 'spreadsheet',
  xlsm: 'spreadsheet',
  ods: 'spreadsheet',
  csv: 'spreadsheet',
  numbers: 'spreadsheet',
  ppt: 'presentation',
  pptx: 'presentation',
  odp: 'presentation',
  key: 'presentation',
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  gif: 'image',
  webp: 'image',
  bmp: 'image',
  tif: 'image',
  tiff: 'image',
  svg: 'image',
  heic: 'image',
  zip: 'archive',
  '7z': 'archive',
  rar: 'archive',
  gz: 'archive',
  tgz: 'archive',
  tar: 'archive',
  txt: 'text',
  md: 'text',
  log: 'text',
  json: 'text',
  xml: 'text',
  eml: 'email',
  msg: 'email',
  mp3: 'audio',
  wav: 'audio',
  m4a: 'audio',
  ogg: 'audio',
  mp4: 'video',
  mov: 'video',
  avi: 'video',
  mkv: 'video',
  webm: 'video',
};

const BY_TYPE: [RegExp, FileKind][] = [
  [/^application\/pdf$/, 'pdf'],
  [/wordprocessingml|^application\/msword$|opendocument\.text|^application\/rtf$/, 'word'],
  [/spreadsheetml|^application\/vnd\.ms-excel|opendocument\.spreadsheet|^text\/csv$/, 'spreadsheet'],
  [/presentationml|^application\/vnd\.ms-powerpoint|opendocument\.presentation/, 'presentation'],
  [/^image\//, 'image'],
  [/^application\/(zip|x-7z-compressed|vnd\.rar|x-rar-compressed|gzip|x-tar)$/, 'archive'],
  [/^message\/rfc822$|^application\/vnd\.ms-outlook$/, 'email'],
  [/^audio\//, 'audio'],
  [/^video\//, 'video'],
  [/^text\//, 'text'],
];

/** The lower-case extension of a file name without the dot; "" when there is none (".bashrc" has none). */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/**
 * The kind of a document. Office files are zip archives inside, so a generic type (zip, octet-stream) defers to the
 * extension; a specific type wins over the name.
 */
export function fileKind(fileName: string, contentType = ''): FileKind {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const byName = BY_EXTENSION[extensionOf(fileName)];
  const generic =
    type === '' || type === 'application/octet-stream' || type === 'application/zip' || type === 'text/plain';
  if (generic && byName) return byName;
  for (const [pattern, kind] of BY_TYPE) {
    if (pattern.test(type)) return kind;
  }
  return byName ?? 'other';
}
