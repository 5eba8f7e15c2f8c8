import type { documentErrorsDe, documentNetworkErrorsDe, documentsDe } from './documents.de';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English texts of documents and the storage quota (assembled in index.ts). */
export const documentsEn: Shape<typeof documentsDe> = {
  documents: {
    title: 'Documents',
    upload: 'Upload',
    hint: 'Drag files onto this page or choose them with “Upload”.',
    empty: 'No documents yet.',
    drop: {
      person: 'Release to store the files with this person',
      organization: 'Release to store the files with this organisation',
      deal: 'Release to store the files with this deal',
      lead: 'Release to store the files with this lead',
    },
    uploading: '{{done}} of {{total}} uploaded – now: {{name}}',
    uploadingChosen: 'Uploading through the file dialog …',
    uploaded_one: '“{{name}}” has been uploaded.',
    uploaded_other: '{{count}} documents have been uploaded.',
    failed_one: 'One file was not uploaded',
    failed_other: '{{count}} files were not uploaded',
    dismiss: 'Dismiss',
    quotaUsage:
      'Your storage is not enough for it: {{used}} of {{limit}} are in use. Deleted documents count until they are removed for good after 30 days.',
    open: 'Open “{{name}}”',
    opening: 'Opening …',
    actionsFor: 'Actions for “{{name}}”',
    saveAs: 'Save as …',
    savedTo: 'Saved to {{path}}',
    uploadedBy: 'Uploaded by {{name}}',
    noApplication: {
      title: 'No application for this file type',
      body: 'No application on this computer can open “{{name}}”. Save the file to open it elsewhere or pass it on.',
    },
    openFailed: {
      title: 'File could not be opened',
      body: '“{{name}}” could not be opened with its default application. Save the file and open it yourself.',
    },
    openBlocked: {
      title: 'File not opened',
      body: '“{{name}}” is a program or script and would run when opened. Save the file and check it before you open it.',
    },
    delete: {
      title: 'Delete document?',
      body: '“{{name}}” will be moved to the trash and can be restored for 30 days.',
      done: '“{{name}}” has been moved to the trash.',
      restored: '“{{name}}” has been restored.',
    },
    trash: {
      show: 'Show deleted documents',
      hide: 'Hide deleted documents',
      empty: 'No deleted documents you could restore.',
      deletedAt: 'Deleted on {{date}}',
    },
    kinds: {
      pdf: 'PDF document',
      word: 'Text document',
      spreadsheet: 'Spreadsheet',
      presentation: 'Presentation',
      image: 'Image',
      archive: 'Archive',
      text: 'Text file',
      email: 'E-mail',
      audio: 'Audio file',
      video: 'Video',
      other: 'File',
    },
  },
  storage: {
    title: 'Storage',
    usage: '{{used}} of {{limit}} used',
    reserved: '{{reserved}} of it reserved for uploads in progress',
    hint: 'Your uploaded documents. Deleted ones count until they are removed for good after 30 days.',
    unavailable: 'Your storage could not be retrieved.',
  },
};

/** English texts of the error codes of documents (assembled in index.ts' errors). */
export const documentErrorsEn: Shape<typeof documentErrorsDe> = {
  quota: {
    exceeded: 'Your storage is not enough for this file.',
  },
  document: {
    too_large: 'The file is larger than the server accepts.',
    length_required: 'The size of the file was not known; it was not uploaded.',
    type_mismatch: 'The content of the file does not match its type (a PDF named .png, say).',
    incomplete: 'The transfer was interrupted; the file was not stored. Please try again.',
    range_invalid: 'The requested part lies outside the file. Please download it again.',
    checksum_mismatch: 'The downloaded file was damaged and has been discarded. Please try again.',
    open_failed: 'The file could not be opened with its default application. Save it and open it yourself.',
    no_application: 'No application for this file type is installed on this computer. Save the file instead.',
    open_blocked: 'Programs and scripts are not opened with one click. Please save the file.',
  },
  dialog: {
    failed: 'The file dialog could not be opened.',
  },
  file: {
    unreadable: 'The file could not be read (folders cannot be uploaded).',
    unwritable: 'The file could not be saved. Please check the location and the free space.',
  },
};

/** English texts of the network errors of transfers (assembled in index.ts' errors.network). */
export const documentNetworkErrorsEn: Shape<typeof documentNetworkErrorsDe> = {
  stalled: 'The transfer stopped making progress and was cancelled. Please try again.',
};
