// End-to-end scenario of the import through the real desktop app (see support.mjs): an Excel file with persons and
// their organisations, written here with write-excel-file, is dropped onto the import dialog (the real drop path, as
// in documents.test.mjs), uploaded by the Go side to the real backend, mapped, previewed and imported; the persons
// are found in the list with their organisation and the history "importiert aus <file>"; the import is undone from
// the imports page and the persons are gone. Names carry a per-run suffix, so the scenario depends neither on a
// fresh database nor on the other e2e files.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import writeExcelFile from 'write-excel-file/node';
import {
  ADMIN,
  DEMO_PASSWORD,
  dropFiles,
  launchBrowser,
  navigation,
  noDialog,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;

/** Persons beyond the named ones, so that the import has something to show progress on. */
const FILLER = 250;

const HEADER = [
  'Anrede',
  'Vorname',
  'Nachname',
  'E-Mail',
  'Telefon',
  'Ort',
  'Firma',
  'Branche',
  'Firmensitz',
  'Bemerkung',
];

/** The rows of the file: three named persons (one with a bad e-mail address) in two organisations, and filler. */
function rows(suffix) {
  const last = `Import${suffix}`;
  const hanse = `Hansekontor ${suffix} GmbH`;
  const nord = `Nordwerk ${suffix} AG`;
  const named = [
    [
      'Frau',
      'Anna',
      last,
      `anna.${suffix}@import.example`,
      '040 123456',
      'Hamburg',
      hanse,
      'Großhandel',
      'Bremen',
      'Messe',
    ],
    [
      'Herr',
      'Jörg',
      last,
      `joerg.${suffix}@import.example`,
      '040 654321',
      'Lübeck',
      hanse,
      'Großhandel',
      'Bremen',
      null,
    ],
    ['Herr', 'Bernd', last, 'keine-adresse', null, 'Kiel', nord, 'Maschinenbau', 'Kiel', null],
  ];
  const filler = Array.from({ length: FILLER }, (_, i) => [
    i % 2 ? 'Herr' : 'Frau',
    `Person${i + 1}`,
    last,
    `person${i + 1}.${suffix}@import.example`,
    null,
    'Hamburg',
    nord,
    'Maschinenbau',
    'Kiel',
    null,
  ]);
  return { last, hanse, nord, data: [HEADER, ...named, ...filler] };
}

const plain = (text) => text.replace(/\s+/g, ' ').trim();

async function openNav(page, name) {
  await navigation(page).getByRole('link', { name, exact: true }).click();
}

/** The select of a column in the mapping: its input, by the column's header. */
const targetSelect = (dialog, header) =>
  dialog.getByRole('combobox', { name: `Feld für Spalte „${header}“`, exact: true });

describe('import', { concurrency: false }, () => {
  let browser;
  let dir;

  before(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'onesales-e2e-import-'));
  });

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test(
    'an Excel file of persons with their organisations is mapped, previewed, imported, found and undone',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'import persons', async (page) => {
        const suffix = uniqueSuffix();
        const { last, hanse, data } = rows(suffix);
        const fileName = `Kunden ${suffix}.xlsx`;
        const path = join(dir, fileName);
        await writeExcelFile(data, { sheet: 'Kunden' }).toFile(path);
        const total = data.length - 1;

        await startSignedOut(page);
        await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
        await openNav(page, 'Personen');
        await page.getByTestId('persons-list').waitFor();
        await page.getByRole('button', { name: 'Importieren' }).click();
        const dialog = page.getByRole('dialog', { name: 'Personen importieren' });
        await dialog.getByTestId('import-dropzone').waitFor();
        await screenshot(page, 'import-file-empty.png');

        // Step 1: the file dropped onto the dialog goes up through the Go side; the backend says what it found.
        await dropFiles(page, dialog.getByTestId('import-dropzone'), [path]);
        const detected = dialog.getByTestId('import-detected');
        await detected.waitFor();
        assert.equal(await detected.getByTestId('import-format').innerText(), 'Excel (XLSX)');
        assert.equal(await detected.getByTestId('import-sheet').innerText(), 'Kunden');
        assert.equal(await detected.getByTestId('import-rows').innerText(), String(total));
        assert.equal(await detected.getByTestId('import-columns').innerText(), String(HEADER.length));
        await screenshot(page, 'import-file.png');

        // Step 2: the columns matched by their German headers, one mapped by hand, one left out.
        await dialog.getByRole('button', { name: 'Weiter' }).click();
        await dialog.getByTestId('import-mapping').waitFor();
        const expected = {
          Anrede: 'Anrede',
          Vorname: 'Vorname',
          Nachname: 'Nachname',
          'E-Mail': 'E-Mail-Adresse',
          Telefon: 'Telefon',
          Ort: 'Ort',
          Firma: 'Organisation (Name)',
          Branche: 'Organisation: Branche',
          Firmensitz: 'nicht importieren',
          Bemerkung: 'nicht importieren',
        };
        for (const [header, target] of Object.entries(expected)) {
          assert.equal(await targetSelect(dialog, header).inputValue(), target, `column ${header}`);
        }
        const samples = dialog.locator('[data-testid="import-mapping-row"][data-column="Vorname"]');
        assert.match(await samples.getByTestId('import-column-samples').innerText(), /^Anna · Jörg · Bernd/);
        // Two columns to one field are marked at once, and "Weiter" waits until it is resolved.
        await targetSelect(dialog, 'Firmensitz').click();
        await page.getByRole('option', { name: 'Ort', exact: true }).click();
        await dialog.getByText('Dieses Feld ist auch der Spalte „Firmensitz“ zugeordnet.', { exact: false }).waitFor();
        await dialog.getByText('Dieses Feld ist auch der Spalte „Ort“ zugeordnet.', { exact: false }).waitFor();
        assert.equal(await dialog.getByTestId('import-next').isDisabled(), true);
        await screenshot(page, 'import-mapping-duplicate.png');
        await targetSelect(dialog, 'Firmensitz').click();
        await page.getByRole('option', { name: 'Organisation: Ort', exact: true }).click();
        await dialog.getByText('Dieses Feld ist auch der Spalte', { exact: false }).waitFor({ state: 'detached' });
        await screenshot(page, 'import-mapping.png');

        // Step 3: the preview of the first rows, the bad e-mail address marked in its cell; duplicates by e-mail.
        await dialog.getByTestId('import-next').click();
        const preview = dialog.getByTestId('import-preview');
        await preview.waitFor();
        assert.equal(
          await dialog.getByRole('combobox', { name: 'Duplikate erkennen an' }).inputValue(),
          'E-Mail-Adresse',
        );
        assert.equal(
          await dialog.getByRole('combobox', { name: 'Besitzer, wenn die Zeile keinen nennt' }).inputValue(),
          ADMIN.name,
        );
        const bernd = preview.locator('[data-testid="import-preview-row"][data-row="4"]');
        assert.equal(await bernd.getAttribute('data-outcome'), 'failed');
        assert.equal(
          await bernd.getByTestId('import-cell-error').first().innerText(),
          'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
        );
        const anna = preview.locator('[data-testid="import-preview-row"][data-row="2"]');
        assert.equal(await anna.getAttribute('data-outcome'), 'created');
        assert.equal(plain(await anna.getByTestId('import-preview-outcome').textContent()), 'wird angelegt');
        assert.match(
          await dialog.getByTestId('import-preview-summary').innerText(),
          new RegExp(`^Vorschau der ersten 20 von ${total} Zeilen$`),
        );
        await screenshot(page, 'import-preview.png');

        // Step 4 and 5: the import runs in the backend; its progress, then the result.
        await dialog.getByRole('button', { name: `${total} Zeilen importieren` }).click();
        const progress = dialog.getByTestId('import-progress');
        const result = dialog.getByTestId('import-result');
        await progress.or(result).first().waitFor();
        if (await progress.isVisible()) await screenshot(page, 'import-progress.png');
        await result.waitFor({ timeout: 60_000 });
        const count = async (testId) =>
          (await dialog.getByTestId(testId).getByTestId('import-count').innerText()).trim();
        assert.equal(await count('import-created'), String(total - 1));
        assert.equal(await count('import-failed'), '1');
        assert.equal(await count('import-skipped'), '0');
        assert.equal(await dialog.getByTestId('import-result-text').innerText(), 'Der Import ist abgeschlossen.');
        await dialog.getByTestId('import-failed-rows').waitFor();
        await screenshot(page, 'import-result.png');
        await dialog.getByTestId('import-close').click();
        await noDialog(page);

        // The persons are in the list; Bernd with his bad address is not.
        const list = page.getByTestId('persons-list');
        await list.getByTestId('list-search').fill(`Anna ${last}`);
        const annaRow = page.locator(`[data-testid="record-row"][data-name="Anna ${last}"]`);
        await annaRow.waitFor();
        assert.match(await annaRow.innerText(), new RegExp(hanse));
        await list.getByTestId('list-search').fill(last);
        await page.locator(`[data-testid="record-row"][data-name="Jörg ${last}"]`).waitFor();
        // All of them but Bernd.
        await list.locator(`[data-testid="list-total"][data-total="${total - 1}"]`).waitFor();
        assert.equal(await page.locator(`[data-testid="record-row"][data-name="Bernd ${last}"]`).count(), 0);
        await screenshot(page, 'import-persons-list.png');

        // Anna's page: her organisation, and the history names the file.
        await list.getByTestId('list-search').fill(`Anna ${last}`);
        await annaRow.getByRole('link').first().click();
        const imported = page.getByTestId('history').getByText(`importiert aus ${fileName}`, { exact: true }).first();
        await imported.waitFor();
        await page.getByText(hanse).first().waitFor();
        await imported.scrollIntoViewIfNeeded();
        await screenshot(page, 'import-person-history.png');

        // The imports page (admins: in the settings): open the import and undo it after confirming.
        await openNav(page, 'Importe');
        const importRow = page.locator(`[data-testid="import-row"][data-file="${fileName}"]`);
        await importRow.waitFor();
        assert.equal(plain(await importRow.getByTestId('import-row-counts').innerText()), `${total - 1} / 0 / 0 / 1`);
        await screenshot(page, 'import-list.png');
        await importRow.getByRole('button', { name: 'Anzeigen' }).click();
        const jobDialog = page.getByRole('dialog', { name: fileName });
        await jobDialog.getByTestId('import-undo').click();
        const confirm = page.getByRole('dialog', { name: 'Import rückgängig machen?' });
        await confirm.getByRole('button', { name: 'Rückgängig machen' }).click();
        const undone = jobDialog.getByTestId('import-undo-result');
        await undone.waitFor();
        // The persons and the two organisations the import created go to the trash.
        assert.match(
          plain(await undone.innerText()),
          new RegExp(`^${total - 1 + 2} in den Papierkorb verschoben, 0 zurückgesetzt, 0 behalten`),
        );
        await jobDialog.locator('[data-testid="import-status"][data-status="undone"]').waitFor();
        await screenshot(page, 'import-undone.png');
        await page.keyboard.press('Escape');
        await noDialog(page);
        await importRow.and(page.locator('[data-status="undone"]')).waitFor();

        // The persons are gone from the list.
        await openNav(page, 'Personen');
        await page.getByTestId('persons-list').getByTestId('list-search').fill(last);
        await page.locator('[data-testid="list-total"][data-total="0"]').waitFor();
        assert.equal(await page.locator('[data-testid="record-row"]').count(), 0);
      }),
  );
});
