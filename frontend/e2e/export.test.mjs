// End-to-end scenario of list exports through the real desktop app (see support.mjs): the person list filtered by a
// search is exported as XLSX and as CSV (Excel/Deutsch) with "Exportieren"; the files land in the app's download
// folder (scripts/e2e.sh sets XDG_DOWNLOAD_DIR, E2E_DOWNLOAD_DIR here; the desktop's setting "Exporte direkt im
// Download-Ordner speichern" is on by default), and their rows are those the list shows, in its order. "Öffnen"
// runs the operating system's open command (a recorder, E2E_OPENED_LOG). The workbook is read with node's zlib
// (its sheet XML), the CSV with a small parser: no spreadsheet library is needed for the check.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  STEP_TIMEOUT,
  api,
  apiSession,
  launchBrowser,
  navigation,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;
const DOWNLOAD_DIR = process.env.E2E_DOWNLOAD_DIR;
const OPENED_LOG = process.env.E2E_OPENED_LOG;

/** The entries of a zip file (a workbook) by name, inflated. */
function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out[name] = method === 8 ? inflateRawSync(data) : data;
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

const XML_ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The rows of the first sheet as text (inline strings and numbers; a row's missing cells are ""). */
function sheetRows(buf) {
  const xml = unzip(buf)['xl/worksheets/sheet1.xml'].toString('utf8');
  const rows = [];
  for (const [, body] of xml.matchAll(/<row[^>]*>(.*?)<\/row>/gs)) {
    const row = [];
    for (const [, ref, inner] of body.matchAll(/<c r="([A-Z]+)\d+"[^>]*?(?:\/>|>(.*?)<\/c>)/gs)) {
      const column = [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      while (row.length < column) row.push('');
      const text = /<t[^>]*>(.*?)<\/t>/s.exec(inner ?? '')?.[1] ?? /<v>(.*?)<\/v>/s.exec(inner ?? '')?.[1] ?? '';
      row.push(text.replace(/&(amp|lt|gt|quot|apos);/g, (_, e) => XML_ENTITIES[e]));
    }
    rows.push(row);
  }
  return rows;
}

/** The records of a CSV (RFC 4180 quoting) separated by sep. */
function csvRows(text, sep) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

/** Exports the list shown with the format chosen in the dialog; returns the saved file's path and rows. */
async function exportList(page, format) {
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.waitFor({ timeout: STEP_TIMEOUT });
  await dialog.getByTestId(`export-format-${format}`).check();
  await dialog.getByTestId('export-submit').click();
  const done = page.getByTestId('export-done').last();
  await done.waitFor({ timeout: STEP_TIMEOUT });
  await dialog.waitFor({ state: 'detached', timeout: STEP_TIMEOUT });
  return { path: await done.getAttribute('data-path'), rows: Number(await done.getAttribute('data-rows')), done };
}

describe('export', { concurrency: false }, () => {
  let browser;
  const suffix = uniqueSuffix();
  const people = [
    { firstName: 'Ute', lastName: `Beta${suffix}`, emails: [{ value: `ute.${suffix}@export.example`, kind: 'work' }] },
    { firstName: 'Anna', lastName: `Alpha${suffix}`, phones: [{ value: '+49 89 12345', kind: 'work' }] },
    {
      firstName: '=1+1',
      lastName: `Gamma${suffix}`,
      address: { street: '', postalCode: '80331', city: 'München', country: 'DE' },
    },
    { firstName: 'Öz', lastName: `Delta${suffix}`, jobTitle: 'Einkauf; Leitung' },
  ];

  before(async () => {
    assert.ok(DOWNLOAD_DIR, 'E2E_DOWNLOAD_DIR is set (scripts/e2e.sh)');
    browser = await launchBrowser();
    const { accessToken } = await apiSession(ADMIN.email);
    for (const p of people) await api(accessToken, 'POST', '/api/v1/persons', p);
  });
  after(async () => {
    await browser?.close();
  });

  test(
    'a filtered person list exported as XLSX and CSV holds the rows the list shows',
    { timeout: TEST_TIMEOUT },
    async () => {
      await withPage(browser, 'export', async (page) => {
        await startSignedOut(page);
        await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
        await navigation(page).getByRole('link', { name: 'Personen', exact: true }).click();
        await page.getByTestId('list-search').fill(suffix);
        const rows = page.getByTestId('persons-list-table').getByTestId('record-row');
        for (const deadline = Date.now() + STEP_TIMEOUT; (await rows.count()) !== people.length;) {
          assert.ok(Date.now() < deadline, `the list shows ${await rows.count()} rows`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const shown = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-name')));
        assert.equal(shown.length, people.length);

        // XLSX: the header of the German UI, one row per list row in its order (first and last name: its name).
        const xlsx = await exportList(page, 'xlsx');
        await screenshot(page, 'export-xlsx-done.png');
        assert.equal(dirname(xlsx.path), DOWNLOAD_DIR);
        assert.match(xlsx.path, /Personen-\d{4}-\d{2}-\d{2}\.xlsx$/);
        assert.equal(xlsx.rows, people.length);
        const sheet = sheetRows(await readFile(xlsx.path));
        const header = sheet[0];
        assert.deepEqual(header.slice(0, 7), [
          'Anrede',
          'Titel',
          'Vorname',
          'Nachname',
          'Position',
          'E-Mail-Adressen',
          'Telefonnummern',
        ]);
        const first = header.indexOf('Vorname');
        const last = header.indexOf('Nachname');
        assert.deepEqual(
          sheet.slice(1).map((r) => `${r[first]} ${r[last]}`),
          shown,
        );
        // The formula-like first name is text in the workbook (no formula cell).
        assert.ok(!(await readFile(xlsx.path)).includes('<f>'), 'no formula in the workbook');

        // "Öffnen" hands the saved file to the operating system's application.
        const before = (await readFile(OPENED_LOG, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
        await xlsx.done.getByTestId('export-open').click();
        const deadline = Date.now() + STEP_TIMEOUT;
        let opened;
        while (!opened) {
          const paths = (await readFile(OPENED_LOG, 'utf8').catch(() => '')).split('\n').filter(Boolean);
          if (paths.length > before) opened = paths[paths.length - 1];
          else if (Date.now() > deadline) throw new Error('the open command was not run');
          else await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(opened, xlsx.path);

        // CSV for German Excel: BOM, semicolons, CRLF, the same rows; the formula is neutralised.
        const csv = await exportList(page, 'csvExcel');
        assert.match(csv.path, /Personen-\d{4}-\d{2}-\d{2}\.csv$/);
        const raw = await readFile(csv.path, 'utf8');
        assert.ok(raw.startsWith('\uFEFFAnrede;Titel;Vorname;Nachname;'), raw.slice(0, 40));
        const records = csvRows(raw.slice(1), ';');
        assert.deepEqual(records[0], header);
        assert.deepEqual(
          records.slice(1).map((r) => `${r[first].replace(/^'/, '')} ${r[last]}`),
          shown,
        );
        const gamma = records.find((r) => r[last] === `Gamma${suffix}`);
        assert.equal(gamma[first], "'=1+1");
        assert.equal(gamma[header.indexOf('Ort')], 'München');
        assert.equal(records.find((r) => r[last] === `Delta${suffix}`)[header.indexOf('Position')], 'Einkauf; Leitung');
        await screenshot(page, 'export-csv-done.png');

        // The admins' record of exports lists both.
        await navigation(page).getByRole('link', { name: 'Exporte', exact: true }).click();
        const recorded = page.getByTestId('exports-table').getByTestId('export-row');
        await recorded.first().waitFor({ timeout: STEP_TIMEOUT });
        assert.equal(await recorded.nth(0).getAttribute('data-rows'), String(people.length));
        assert.equal(await recorded.nth(1).getAttribute('data-rows'), String(people.length));
        await screenshot(page, 'export-admin-list.png');
      });
    },
  );
});
