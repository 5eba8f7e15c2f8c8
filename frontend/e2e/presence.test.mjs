// End-to-end check of presence through the real desktop app (see support.mjs): the field rep has a person of his
// open in the desktop; his manager, as a second session through the API (another desktop would do the same calls),
// sees him on it, opens it too and is shown on the rep's page, then leaves; the rep leaves the page and is gone
// from the manager's answer. (The line follows a live change at once when the desktop has the change stream;
// without it, within the page's 30-second renewal.)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DEMO_PASSWORD,
  FIELD_USER,
  STEP_TIMEOUT,
  launchBrowser,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  withPage,
  api,
  apiSession,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;
const MANAGER = { email: 'markus.weber@nordlicht.example', name: 'Markus Weber' };
/** A change of who has the record open shows within one renewal of the page (30 s) at the latest. */
const PRESENCE_TIMEOUT = 40_000;

async function tokenOf(email) {
  return (await apiSession(email)).accessToken;
}

/** Asks until the names the record's presence lists to token are want (in order), or fails after timeout. */
async function untilOthers(token, personId, want, timeout = STEP_TIMEOUT) {
  const deadline = Date.now() + timeout;
  let names;
  for (;;) {
    const list = await api(token, 'GET', `/api/v1/persons/${personId}/presence`);
    names = list.items.map((user) => user.name);
    if (JSON.stringify(names) === JSON.stringify(want)) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.deepEqual(names, want);
}

describe('presence', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test(
    'the record page names the colleague who has the record open too, and says so to him',
    { timeout: TEST_TIMEOUT },
    () =>
      withPage(browser, 'presence', async (page) => {
        const suffix = uniqueSuffix();
        const repToken = await tokenOf(FIELD_USER.email);
        const managerToken = await tokenOf(MANAGER.email);
        const person = await api(repToken, 'POST', '/api/v1/persons', {
          firstName: 'Paula',
          lastName: `Präsenz ${suffix}`,
        });

        await startSignedOut(page);
        await signIn(page, { email: FIELD_USER.email, password: DEMO_PASSWORD });
        await page.evaluate((id) => {
          window.location.hash = `#/persons/${id}`;
        }, person.id);
        await page.getByTestId('person-detail').waitFor();
        assert.equal(await page.getByTestId('record-presence').count(), 0, 'nobody else has it open yet');

        // The desktop said that it shows the person: the manager sees the rep on it.
        await untilOthers(managerToken, person.id, [FIELD_USER.name]);

        await api(managerToken, 'PUT', '/api/v1/presence', { recordType: 'person', recordId: person.id });
        const names = page.getByTestId('record-presence-names');
        await names.waitFor({ timeout: PRESENCE_TIMEOUT });
        assert.equal(await names.innerText(), `Ebenfalls geöffnet von ${MANAGER.name}`);
        await screenshot(page, 'presence-line.png');

        await api(managerToken, 'DELETE', '/api/v1/presence');
        await page.getByTestId('record-presence').waitFor({ state: 'detached', timeout: PRESENCE_TIMEOUT });

        // Leaving the page leaves the record.
        await page.evaluate(() => {
          window.location.hash = '#/persons';
        });
        await page.getByTestId('persons-list').waitFor();
        await untilOthers(managerToken, person.id, []);
      }),
  );
});
