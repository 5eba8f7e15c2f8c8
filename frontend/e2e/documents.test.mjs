// End-to-end scenario of documents through the real desktop app (see support.mjs): files dropped onto a deal's page
// go through the real drop path (the desktop's "DD:x:y:paths" message -> Wails' file-drop event -> the page's
// OnFileDrop handler -> the bound UploadFiles -> the backend), are listed with uploader, date and size, open with the
// operating system's application (ONESALES_OPEN_COMMAND, set by scripts/e2e.sh to a recorder), and go to the trash.
// Names carry a per-run suffix, so the scenario depends neither on a fresh database nor on the other e2e files.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  checkAccessibility,
  DEMO_PASSWORD,
  STEP_TIMEOUT,
  dropFiles,
  launchBrowser,
  navigation,
  noDialog,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  userMenu,
  withPage,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;

/** The file the open command of the desktop under test appends each path it is asked to open to. */
const OPENED_LOG = process.env.E2E_OPENED_LOG;

async function openNav(page, name) {
  await navigation(page).getByRole('link', { name, exact: true }).click();
}

async function openedPaths() {
  const text = await readFile(OPENED_LOG, 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean);
}

/** Waits until the open command has been run for one more path than before; returns that path. */
async function nextOpened(before) {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    const paths = await openedPaths();
    if (paths.length > before) return paths[paths.length - 1];
    if (Date.now() > deadline) throw new Error(`the open command was not run (log ${OPENED_LOG})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A small PDF of exactly size bytes (the server checks the content against the declared type). */
function pdfOfSize(size, note) {
  const head = `%PDF-1.4\n% ${note}\n`;
  const tail = '\n%%EOF\n';
  return Buffer.from(head + 'x'.repeat(size - Buffer.byteLength(head + tail)) + tail);
}

/** Today as the German UI writes a date: 27.11.2026. */
function germanToday() {
  return new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium' }).format(new Date());
}

describe('documents', { concurrency: false }, () => {
  let browser;
  let dir;

  before(async () => {
    assert.ok(OPENED_LOG, 'E2E_OPENED_LOG is not set: scripts/e2e.sh sets it with ONESALES_OPEN_COMMAND');
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'onesales-e2e-documents-'));
  });

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test(
    'a file dropped onto a deal is listed with uploader, date and size, opens with the system application and is deleted',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'documents deal', async (page) => {
        const suffix = uniqueSuffix();
        const dealTitle = `Dokumentenablage ${suffix}`;
        const fileName = `Angebot Müller ${suffix}.pdf`;
        const content = pdfOfSize(1536, `Angebot ${suffix}`);
        const path = join(dir, fileName);
        await writeFile(path, content);
        // A PDF named as an image: the server refuses it (415 document.type_mismatch), the other file still goes in.
        const wrongName = `Foto ${suffix}.png`;
        const wrongPath = join(dir, wrongName);
        await writeFile(wrongPath, content);

        await startSignedOut(page);
        await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });

        // A deal to store the files with.
        await openNav(page, 'Deals');
        await page.getByRole('button', { name: 'Deal anlegen' }).click();
        const dialog = page.getByRole('dialog', { name: 'Deal anlegen' });
        await dialog.getByLabel(/^Titel/).fill(dealTitle);
        // A deal names a person or an organisation: any of the demo persons.
        await dialog.getByRole('combobox', { name: 'Person', exact: true }).click();
        // The demo persons are more than the list shows at once: it scrolls, and a scrolling list must pass the
        // accessibility rules while it is open (scrollable-region-focusable failed here once).
        await page.getByRole('option').first().waitFor();
        assert.ok(
          await page.getByRole('listbox').evaluate((list) => list.scrollHeight > list.clientHeight),
          'the person list scrolls',
        );
        await checkAccessibility(page, 'the open person list of the deal form');
        await page.getByRole('option').first().click();
        await dialog.getByRole('button', { name: 'Anlegen' }).click();
        await noDialog(page);
        await page.getByTestId('deal-detail').waitFor();
        const card = page.getByTestId('documents-card');
        await card.getByText('Noch keine Dokumente.').waitFor();

        // While files are dragged over the window, the page says where they go (the web view's own drag events).
        const files = await page.evaluateHandle((name) => {
          const transfer = new window.DataTransfer();
          transfer.items.add(new window.File(['%PDF-1.4'], name, { type: 'application/pdf' }));
          return transfer;
        }, fileName);
        await page.locator('main').dispatchEvent('dragover', { dataTransfer: files });
        const overlay = page.getByTestId('documents-drop-overlay');
        await overlay.waitFor();
        assert.equal(await overlay.innerText(), 'Loslassen, um die Dateien bei diesem Deal abzulegen');
        await screenshot(page, 'documents-drop-overlay.png');
        await page.locator('main').dispatchEvent('drop', { dataTransfer: files });
        await overlay.waitFor({ state: 'detached' });

        // Both files dropped onto the deal's page: one is stored, the other refused with the reason in German.
        await dropFiles(page, card, [path, wrongPath]);
        const row = card.locator(`[data-testid="document-row"][data-name="${fileName}"]`);
        await row.waitFor();
        assert.equal(await row.getByTestId('document-name').innerText(), fileName);
        assert.equal(await row.getByTestId('document-uploader').innerText(), ADMIN.name);
        assert.match(
          await row.getByTestId('document-date').innerText(),
          new RegExp(`^${germanToday().replace(/\./g, '\\.')}, \\d\\d:\\d\\d$`),
        );
        assert.equal((await row.getByTestId('document-size').innerText()).replace(/\s/g, ' '), '1,5 KB');
        assert.equal(await row.getByRole('img', { name: 'PDF-Dokument' }).count(), 1);
        const refused = card.locator(`[data-testid="documents-failure"][data-name="${wrongName}"]`);
        await refused.waitFor();
        assert.match(await refused.innerText(), /Der Inhalt der Datei passt nicht zu ihrem Dateityp/);
        assert.equal(await card.locator('[data-testid="document-row"]').count(), 1);
        await page.getByText(`„${fileName}“ wurde hochgeladen.`).waitFor();
        await card.scrollIntoViewIfNeeded();
        await screenshot(page, 'documents-deal.png');

        // The history of the deal names the upload.
        await page.getByTestId('history').getByText('Dokument hochgeladen').first().waitFor();

        // The user's storage in the user menu: German units, the professional plan's 50 GB.
        await userMenu(page).click();
        const storage = page.getByTestId('storage-usage-text');
        await storage.waitFor();
        assert.match((await storage.innerText()).replace(/\s/g, ' '), /^\d+(,\d)? (Byte|KB|MB|GB) von 50 GB belegt$/);
        await screenshot(page, 'documents-storage-menu.png');
        await page.keyboard.press('Escape');

        // One click opens it: the desktop downloads it into its cache folder and runs the open command on it.
        const before = (await openedPaths()).length;
        await row.getByTestId('document-name').click();
        const opened = await nextOpened(before);
        assert.equal(basename(opened), fileName);
        assert.notEqual(opened, path, 'the opened file is the downloaded copy, not the original');
        assert.match(opened, /\/1sales\/documents\//);
        assert.deepEqual(await readFile(opened), content);

        // Delete: asked first, then gone from the list; undo brings it back; deleted again it stays gone.
        const remove = async () => {
          await row.getByRole('button', { name: `Aktionen für „${fileName}“` }).click();
          await page.getByRole('menuitem', { name: 'Löschen' }).click();
          const confirm = page.getByRole('dialog', { name: 'Dokument löschen?' });
          await confirm.getByRole('button', { name: 'Löschen' }).click();
          await noDialog(page);
          await row.waitFor({ state: 'detached' });
        };
        await remove();
        const notice = page.getByTestId('document-deleted-notification');
        await notice.waitFor();
        assert.match(await notice.innerText(), /wurde in den Papierkorb verschoben/);
        await screenshot(page, 'documents-deleted.png');
        await notice.getByRole('button', { name: 'Rückgängig' }).click();
        await row.waitFor();
        await remove();
        await card.getByText('Noch keine Dokumente.').waitFor();

        // It waits in the record's trash, and the list stays empty after a reload.
        await card.getByRole('button', { name: 'Gelöschte Dokumente anzeigen' }).click();
        await card.locator(`[data-testid="trashed-document"][data-name="${fileName}"]`).waitFor();
        await page.reload();
        await page.getByTestId('documents-card').getByText('Noch keine Dokumente.').waitFor();
        await screenshot(page, 'documents-empty.png');

        // The account page shows the storage too; the trashed document still counts until it is purged.
        await userMenu(page).click();
        await page.getByRole('menuitem', { name: 'Passwort ändern' }).click();
        const account = page.getByTestId('account-storage');
        await account.waitFor();
        assert.match(
          (await account.getByTestId('storage-usage-text').innerText()).replace(/\s/g, ' '),
          /von 50 GB belegt$/,
        );
        assert.ok(Number(await account.getByTestId('storage-usage').getAttribute('data-used')) >= content.length);
        await screenshot(page, 'documents-account-storage.png');
      }),
  );
});
