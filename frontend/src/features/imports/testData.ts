/** Imports as the backend describes them, for the tests. */
import type { ImportAnalysis, ImportField, ImportJob } from '../../api';

const field = (target: string, overrides: Partial<ImportField> = {}): ImportField => ({
  target,
  label: '',
  recordType: 'person',
  kind: 'text',
  required: false,
  duplicates: false,
  ...overrides,
});

/** The targets of a person file with one custom number field ("Umsatz") and one date field ("Kunde seit"). */
export const personFields: ImportField[] = [
  field('salutation'),
  field('firstName'),
  field('lastName', { required: true }),
  field('email', { required: true, duplicates: true }),
  field('phone'),
  field('city'),
  field('owner', { kind: 'reference' }),
  field('custom.f-revenue', { label: 'Umsatz', kind: 'number' }),
  field('custom.f-since', { label: 'Kunde seit', kind: 'date' }),
  field('custom.f-number', { label: 'Kundennummer', duplicates: true }),
  field('organization', { recordType: 'organization', kind: 'reference' }),
  field('organization.city', { recordType: 'organization' }),
];

/** A German Excel-style CSV: Name, Vorname, E-Mail, a second e-mail column, Umsatz (1.234,56), Kunde seit. */
export const analysis: ImportAnalysis = {
  id: 'imp-1',
  recordType: 'person',
  fileName: 'Kunden.csv',
  format: 'csv',
  encoding: 'windows-1252',
  delimiter: ';',
  sheet: '',
  sheets: [],
  headerRow: 1,
  rows: 120,
  columns: [
    { index: 0, header: 'Name', samples: ['Müller', 'Schulz'], target: 'lastName', number: '', date: '' },
    { index: 1, header: 'Vorname', samples: ['Anna', 'Bernd'], target: 'firstName', number: '', date: '' },
    { index: 2, header: 'E-Mail', samples: ['anna@example.de'], target: 'email', number: '', date: '' },
    { index: 3, header: 'E-Mail privat', samples: ['a@privat.de'], target: '', number: '', date: '' },
    { index: 4, header: 'Umsatz', samples: ['1.234,56', '99,90'], target: 'custom.f-revenue', number: 'de', date: '' },
    { index: 5, header: 'Kunde seit', samples: ['31.12.2024'], target: '', number: '', date: 'dmy' },
    { index: 6, header: '', samples: ['x'], target: '', number: '', date: '' },
  ],
  fields: personFields,
  suggested: {
    columns: [
      { column: 0, target: 'lastName', number: '', date: '' },
      { column: 1, target: 'firstName', number: '', date: '' },
      { column: 2, target: 'email', number: '', date: '' },
      { column: 4, target: 'custom.f-revenue', number: 'de', date: '' },
    ],
    duplicates: { target: 'email', action: 'skip' },
    ownerId: 'user-claudia',
    pipelineId: '',
    stageId: '',
  },
  expiresAt: '2026-12-12T10:00:00Z',
};

export const runningJob: ImportJob = {
  id: 'imp-1',
  recordType: 'person',
  fileName: 'Kunden.csv',
  format: 'csv',
  status: 'running',
  rows: 1200,
  rowsDone: 480,
  rowsPerSecond: 240.4,
  secondsLeft: 125,
  created: 470,
  updated: 0,
  skipped: 6,
  failed: 4,
  createdById: 'user-claudia',
  createdByName: 'Claudia Becker',
  canUndo: false,
  createdAt: '2026-12-09T10:00:00Z',
  startedAt: '2026-12-09T10:00:05Z',
  version: 5,
};

export const doneJob: ImportJob = {
  ...runningJob,
  status: 'done',
  rowsDone: 1200,
  rowsPerSecond: 250,
  secondsLeft: 0,
  created: 1150,
  updated: 30,
  skipped: 12,
  failed: 8,
  canUndo: true,
  finishedAt: '2026-12-09T10:00:10Z',
  version: 9,
};
