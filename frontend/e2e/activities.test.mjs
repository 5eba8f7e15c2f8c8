// End-to-end scenarios of activities and the dashboard through the real desktop app (see support.mjs): an admin adds
// an activity type with a colour and an icon, plans an activity on a deal for a field rep and sees it on the deal, in
// the agenda and on the dashboard, marks it done (it leaves the open ones, the done-this-week figure grows), and
// cannot delete the type in use but archives it; a rep gets a notice for an activity due soon; the seeded manager
// sees the team's activities and figures; a rep sees only his own and no team scope; and every dashboard figure
// clicked opens a list with exactly as many records. Names carry a per-run suffix and counts are compared before and after,
// so the scenarios depend neither on a fresh database nor on the other e2e files.
//
// The browser runs in Europe/Berlin (as a German sales team's desktops do): the server's "today" and "this week" are
// Berlin days, and the app shows and groups times in the desktop's own time zone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN,
  DEMO_PASSWORD,
  FIELD_USER,
  activityListCount,
  dashboardShown,
  launchBrowser,
  navigation,
  noDialog,
  recordListTotal,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  withBerlinPage,
  TIME_ZONE,
  keepReminders,
  reminders,
  closeRemindersInTheWay,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;
const MANAGER = { email: 'markus.weber@nordlicht.example', name: 'Markus Weber' };
const DEAL = 'Büroeinrichtung Neubau Hafen'; // a seeded deal of Jonas Schmidt's

async function openNav(page, name) {
  await navigation(page).getByRole('link', { name, exact: true }).click();
}

/** Year, month (1-12), day, hour and minute of an instant on a Berlin wall clock. */
function berlin(date) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type) => Number(parts.find((entry) => entry.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

const MONTHS = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];
const pad = (value) => String(value).padStart(2, '0');
const isoDay = ({ year, month, day }) => `${year}-${pad(month)}-${pad(day)}`;

/**
 * Picks a day and a time in the form's date-time picker the way a user does: open it, click the day in the calendar,
 * type hours and minutes, apply.
 */
async function pickDateTime(page, dialog, when) {
  await dialog.getByRole('button', { name: 'Datum und Uhrzeit' }).click();
  const dropdown = page.locator('.mantine-Popover-dropdown').filter({ has: page.getByRole('spinbutton') });
  await dropdown.waitFor();
  await dropdown
    .getByRole('button', { name: `${when.day} ${MONTHS[when.month - 1]} ${when.year}`, exact: true })
    .click();
  const [hours, minutes] = [dropdown.getByRole('spinbutton').nth(0), dropdown.getByRole('spinbutton').nth(1)];
  await hours.click();
  await hours.fill(pad(when.hour));
  await minutes.click();
  await minutes.fill(pad(when.minute));
  await dropdown.getByRole('button', { name: 'Datum und Uhrzeit übernehmen' }).click();
  await dropdown.waitFor({ state: 'hidden' });
}

/** The input of a Mantine Select (a combobox, or a textbox when searchable) inside scope, by its label. */
const selectInput = (scope, label) =>
  scope
    .getByRole('combobox', { name: label, exact: true })
    .or(scope.getByRole('textbox', { name: label, exact: true }));

/** Picks an option of a Mantine Select inside scope by the field's label and the option's text. */
async function choose(page, scope, label, option) {
  await selectInput(scope, label).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const figure = (page, testId) => page.getByTestId(testId).first();
async function figureCount(page, testId) {
  return Number(await figure(page, testId).getAttribute('data-count'));
}

/** Waits until a figure shows the expected count (the dashboard reloads after changes). */
async function waitForFigure(page, locator, expected) {
  await locator.and(page.locator(`[data-count="${expected}"]`)).waitFor();
}

async function openDashboard(page) {
  await openNav(page, 'Dashboard');
  await dashboardShown(page);
}

const doneFigureOf = (page, userName) =>
  page.locator(`[data-testid="done-user"][data-name="${userName}"]`).getByTestId('figure-done-user');

describe('activities and the dashboard', { concurrency: false }, () => {
  let browser;
  const suffix = uniqueSuffix();
  const typeName = `Lieferung ${suffix}`;
  const title = `E2E Rückruf ${suffix}`;
  /** Set by (b) once the activity exists, for the scenarios of the manager and the rep. */
  let planned = false;

  before(async () => {
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
  });

  test('(a) the admin adds an activity type with a colour and an icon', { timeout: TEST_TIMEOUT }, () =>
    withBerlinPage(browser, 'activity type', async (page) => {
      await startSignedOut(page);
      await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });

      await openNav(page, 'Aktivitätstypen');
      await page.getByTestId('activity-types-table').waitFor();
      // The seeded German types, in their order.
      const seeded = await page
        .getByTestId('activity-type-row')
        .evaluateAll((rows) => rows.map((row) => row.dataset.name));
      assert.deepEqual(seeded.slice(0, 5), ['Anruf', 'E-Mail', 'Meeting', 'Aufgabe', 'Termin vor Ort']);

      await page.getByRole('button', { name: 'Typ anlegen' }).click();
      const dialog = page.getByRole('dialog', { name: 'Aktivitätstyp anlegen' });
      // Checked before sending: a name is needed.
      await dialog.getByRole('button', { name: 'Anlegen' }).click();
      await dialog.getByText('Bitte geben Sie einen Namen ein.').waitFor();
      await dialog.getByLabel('Name').fill(typeName);
      await dialog.getByText('Bitte geben Sie einen Namen ein.').waitFor({ state: 'detached' });
      const color = dialog.getByLabel('Farbe');
      await color.fill('#e64980');
      await dialog.getByRole('radio', { name: 'Lieferung' }).click();
      assert.equal(await dialog.getByRole('radio', { name: 'Lieferung' }).getAttribute('aria-checked'), 'true');
      await screenshot(page, 'activity-type-form.png');
      await dialog.getByRole('button', { name: 'Anlegen' }).click();
      await noDialog(page);

      const row = page.locator(`[data-testid="activity-type-row"][data-name="${typeName}"]`);
      await row.waitFor();
      assert.equal(await row.getAttribute('data-color'), '#e64980');
      assert.equal(await row.getAttribute('data-icon'), 'truck');
      assert.equal(await row.getAttribute('data-archived'), 'false');
      // A second type with the same name is refused, with the reason next to the field.
      await page.getByRole('button', { name: 'Typ anlegen' }).click();
      await dialog.getByLabel('Name').fill(typeName);
      await dialog.getByRole('button', { name: 'Anlegen' }).click();
      await dialog.getByText('Einen Typ mit diesem Namen gibt es schon.').waitFor();
      await dialog.getByRole('button', { name: 'Abbrechen' }).click();
      await noDialog(page);
      await screenshot(page, 'activity-types.png');
    }),
  );

  test(
    '(b) the admin plans an activity on a deal, sees it on the deal, in the agenda and on the dashboard, and marks it done',
    { timeout: TEST_TIMEOUT },
    () =>
      withBerlinPage(browser, 'plan activity', async (page) => {
        await startSignedOut(page);
        await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });

        // The dashboard before: her team's figures, her default scope (her unit, Vertriebsleitung, holds every
        // other: the whole company).
        await openDashboard(page);
        assert.equal(await page.getByTestId('dashboard').getAttribute('data-scope'), 'team');
        const scopes = await page.getByTestId('dashboard-scope').locator('label').allInnerTexts();
        assert.deepEqual(scopes, ['Ich', 'Mein Team', 'Alle']);
        const dueBefore = await figureCount(page, 'figure-due-today');
        const overdueBefore = await figureCount(page, 'figure-overdue');
        const doneBefore = Number(await doneFigureOf(page, FIELD_USER.name).getAttribute('data-count'));

        // Planned on the deal's page, for the deal's owner, earlier today (so it is due today and already overdue).
        await openNav(page, 'Deals');
        await page.getByTestId('view-switch').getByText('Liste').click();
        await page.locator(`[data-testid="record-row"][data-name="${DEAL}"]`).getByRole('link').click();
        const card = page.getByTestId('activities-card');
        await card.waitFor();
        await card.getByRole('button', { name: 'Aktivität planen' }).click();
        const dialog = page.getByRole('dialog', { name: 'Aktivität planen' });
        await dialog.getByTestId('activity-form').waitFor();
        // Checked before sending: a title is needed.
        await dialog.getByRole('button', { name: 'Planen' }).click();
        await dialog.getByText('Bitte geben Sie einen Titel ein.').waitFor();
        await dialog.getByLabel('Titel').fill(title);
        await choose(page, dialog, 'Typ', typeName);
        await choose(page, dialog, 'Zuständig', FIELD_USER.name);
        const now = berlin(new Date());
        const back = berlin(new Date(Date.now() - 30 * 60_000));
        const due = back.day === now.day ? back : { ...now, hour: 0, minute: 0 };
        await pickDateTime(page, dialog, due);
        await dialog.getByRole('group', { name: 'Dauer wählen' }).getByRole('button', { name: '30 Min.' }).click();
        await dialog.getByLabel('Kommentar').fill('Rückruf wegen Liefertermin');
        // Pre-linked to the deal it is planned on (and to the deal's organisation).
        assert.equal(await selectInput(dialog, 'Deal').inputValue(), DEAL);
        await screenshot(page, 'activity-form.png');
        await dialog.getByRole('button', { name: 'Planen' }).click();
        await noDialog(page);
        planned = true;

        const onDeal = card.locator(`[data-testid="activity-row"][data-title="${title}"]`);
        await onDeal.waitFor();
        assert.equal(await onDeal.getAttribute('data-done'), 'false');
        assert.equal(await onDeal.getAttribute('data-overdue'), 'true');
        assert.equal(await onDeal.getByTestId('overdue-badge').innerText(), 'ÜBERFÄLLIG');
        assert.match(await onDeal.getByTestId('activity-due').innerText(), /30 Min\./);
        assert.equal(await onDeal.getByRole('img', { name: typeName }).getAttribute('data-icon'), 'truck');
        await screenshot(page, 'deal-activities.png');

        // In the agenda: today's row of the week, with everyone's activities.
        await openNav(page, 'Aktivitäten');
        await page.getByTestId('activity-view').getByText('Agenda').click();
        await choose(page, page.getByTestId('activity-filters'), 'Zuständig', 'Alle');
        const today = page.locator(`[data-testid="agenda-day"][data-day="${isoDay(now)}"]`);
        await today.locator(`[data-testid="activity-row"][data-title="${title}"]`).waitFor();
        const days = await page.getByTestId('agenda-day').evaluateAll((rows) => rows.map((row) => row.dataset.day));
        assert.equal(days.length, 7);
        assert.equal(new Date(`${days[0]}T12:00:00Z`).getUTCDay(), 1, 'the week starts on Monday');
        await screenshot(page, 'agenda-week.png');

        // On the dashboard: one more due today and overdue.
        await openDashboard(page);
        await waitForFigure(page, figure(page, 'figure-due-today'), dueBefore + 1);
        await waitForFigure(page, figure(page, 'figure-overdue'), overdueBefore + 1);
        await screenshot(page, 'dashboard-admin.png');

        // Marked done from the list of open activities: it leaves them, and Jonas's done-this-week figure grows.
        await openNav(page, 'Aktivitäten');
        await page.getByTestId('activity-view').getByText('Liste').click();
        await choose(page, page.getByTestId('activity-filters'), 'Zuständig', 'Alle');
        await choose(page, page.getByTestId('activity-filters'), 'Fällig', 'Heute');
        const row = page.locator(
          `[data-testid="activities-table"] [data-testid="activity-row"][data-title="${title}"]`,
        );
        await row.waitFor();
        assert.equal(await row.getAttribute('data-assignee'), FIELD_USER.name);
        await row.getByRole('checkbox', { name: `Als erledigt markieren: ${title}` }).click();
        await row.waitFor({ state: 'detached' });
        await page.getByTestId('filter-status').getByText('Erledigt').click();
        await row.and(page.locator('[data-done="true"]')).waitFor();
        await screenshot(page, 'activities-done.png');

        await openDashboard(page);
        await waitForFigure(page, figure(page, 'figure-due-today'), dueBefore);
        await waitForFigure(page, doneFigureOf(page, FIELD_USER.name), doneBefore + 1);

        // The deal's card lists it under the done ones now.
        await openNav(page, 'Deals');
        await page.getByTestId('view-switch').getByText('Liste').click();
        await page.locator(`[data-testid="record-row"][data-name="${DEAL}"]`).getByRole('link').click();
        await page
          .getByTestId('activities-done')
          .locator(`[data-testid="activity-row"][data-title="${title}"][data-done="true"]`)
          .waitFor();
      }),
  );

  // Lena Fischer, whom no other e2e file signs in as: should the clean-up fail, no other scenario gets the notice.
  test(
    "(c) an activity due within 15 minutes is announced once, in the app, by the server's reminder",
    { timeout: TEST_TIMEOUT },
    () =>
      withBerlinPage(browser, 'due soon', async (page) => {
        await startSignedOut(page);
        await signIn(page, { email: 'lena.fischer@nordlicht.example', password: DEMO_PASSWORD });
        const soonTitle = `E2E Gleich ${suffix}`;

        await openNav(page, 'Aktivitäten');
        await page.getByRole('button', { name: 'Aktivität planen' }).click();
        const dialog = page.getByRole('dialog', { name: 'Aktivität planen' });
        await dialog.getByLabel('Titel').fill(soonTitle);
        await pickDateTime(page, dialog, berlin(new Date(Date.now() + 10 * 60_000)));
        await dialog.getByRole('button', { name: 'Planen' }).click();
        await noDialog(page);

        // The server's reminder (notify.DueWithin): its worker looks for activities due soon every 30 s.
        await keepReminders(page);
        const notice = page.locator(`[data-testid="due-soon-notice"][data-title="${soonTitle}"]`);
        await notice.waitFor({ timeout: 90_000 });
        assert.equal(await notice.count(), 1);
        await screenshot(page, 'due-soon-notice.png');
        // Closed, it stays closed (the bell keeps the notification).
        await reminders(page).filter({ has: notice }).locator('.mantine-Notification-closeButton').click();
        await notice.waitFor({ state: 'detached' });
        await closeRemindersInTheWay(page);

        // Tidy up: deleted from its form.
        await page
          .locator(`[data-testid="activity-row"][data-title="${soonTitle}"]`)
          .getByRole('button', { name: `Öffnen: ${soonTitle}` })
          .click();
        const edit = page.getByRole('dialog', { name: 'Aktivität bearbeiten' });
        await edit.getByRole('button', { name: 'Löschen' }).click();
        await page.getByRole('dialog', { name: 'Aktivität löschen?' }).getByRole('button', { name: 'Löschen' }).click();
        await noDialog(page);
        await page.locator(`[data-testid="activity-row"][data-title="${soonTitle}"]`).waitFor({ state: 'detached' });
      }),
  );

  test('(d) every dashboard figure opens a list with exactly as many records', { timeout: TEST_TIMEOUT }, () =>
    withBerlinPage(browser, 'figures open lists', async (page) => {
      await startSignedOut(page);
      await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
      await openDashboard(page);

      const activityFigures = ['figure-due-today', 'figure-overdue'];
      for (const testId of activityFigures) {
        const expected = await figureCount(page, testId);
        await figure(page, testId).click();
        assert.equal(await activityListCount(page), expected, testId);
        await openDashboard(page);
      }
      const done = doneFigureOf(page, FIELD_USER.name);
      const doneCount = Number(await done.getAttribute('data-count'));
      await done.click();
      assert.equal(await activityListCount(page), doneCount, 'done this week by Jonas Schmidt');
      assert.deepEqual(
        [
          ...new Set(
            await page.getByTestId('activity-row').evaluateAll((rows) => rows.map((row) => row.dataset.assignee)),
          ),
        ],
        doneCount > 0 ? [FIELD_USER.name] : [],
      );
      await page.getByTestId('chip-done').waitFor();
      await screenshot(page, 'figure-done-list.png');
      await openDashboard(page);

      const dealFigures = ['figure-closing-soon', 'figure-month-won', 'figure-month-lost', 'figure-quarter-won'];
      for (const testId of dealFigures) {
        const expected = await figureCount(page, testId);
        await figure(page, testId).click();
        assert.equal(await recordListTotal(page, 'deals-list'), expected, testId);
        await openDashboard(page);
      }
      // The won deals of the month: the list shows the status and the closed-date range it was opened with.
      await figure(page, 'figure-month-won').click();
      await recordListTotal(page, 'deals-list');
      assert.match(await page.getByTestId('filter-closedFrom').inputValue(), /^01\.\d{2}\.\d{4}$/);
      assert.match(await page.getByTestId('filter-closedTo').inputValue(), /^\d{2}\.\d{2}\.\d{4}$/);
      assert.equal(await page.getByTestId('filter-closeDateFrom').inputValue(), '');
      await screenshot(page, 'figure-won-deals.png');
      await openDashboard(page);

      const stage = page
        .getByTestId('funnel-stage')
        .filter({ has: page.locator('[data-count]:not([data-count="0"])') })
        .first();
      const stageCount = Number(await stage.getAttribute('data-count'));
      await stage.getByTestId('funnel-stage-link').click();
      assert.equal(await recordListTotal(page, 'deals-list'), stageCount, 'a funnel stage');
      await openDashboard(page);

      for (const testId of ['figure-leads-converted', 'figure-leads-lost']) {
        const expected = await figureCount(page, testId);
        await figure(page, testId).click();
        assert.equal(await recordListTotal(page, 'leads-list'), expected, testId);
        await openDashboard(page);
      }
    }),
  );

  test("(e) the manager sees the team's activities and the team's figures", { timeout: TEST_TIMEOUT }, () =>
    withBerlinPage(browser, 'manager', async (page) => {
      await startSignedOut(page);
      await signIn(page, { email: MANAGER.email, password: DEMO_PASSWORD });

      await dashboardShown(page, 'team');
      assert.deepEqual(await page.getByTestId('dashboard-scope').locator('label').allInnerTexts(), [
        'Ich',
        'Mein Team',
      ]);
      const team = await page.getByTestId('done-user').evaluateAll((rows) => rows.map((row) => row.dataset.name));
      assert.ok(
        team.includes(FIELD_USER.name) && team.includes('Lena Fischer') && team.includes(MANAGER.name),
        team.join(),
      );
      const dueTeam = await figureCount(page, 'figure-due-today');
      await screenshot(page, 'dashboard-manager.png');

      // The team figure opens the team's list, with as many activities.
      await figure(page, 'figure-due-today').click();
      assert.equal(await activityListCount(page), dueTeam, 'due today in the team');
      assert.equal(
        await page.getByTestId('filter-assignee').inputValue(),
        'Mein Team',
        'the list shows whose activities it lists',
      );

      // His own figures only with "Ich".
      await openDashboard(page);
      await page.getByTestId('dashboard-scope').getByText('Ich').click();
      await dashboardShown(page, 'me');
      assert.deepEqual(await page.getByTestId('done-user').evaluateAll((rows) => rows.map((row) => row.dataset.name)), [
        MANAGER.name,
      ]);

      // The team's activities in the list: the rep's activity planned in (b) among several people's.
      await openNav(page, 'Aktivitäten');
      await choose(page, page.getByTestId('activity-filters'), 'Zuständig', 'Mein Team');
      await page.getByTestId('filter-status').getByText('Alle').click();
      await activityListCount(page);
      const assignees = new Set(
        await page.getByTestId('activity-row').evaluateAll((rows) => rows.map((row) => row.dataset.assignee)),
      );
      assert.ok(assignees.has(FIELD_USER.name) && assignees.has('Lena Fischer'), [...assignees].join());
      if (planned) await page.locator(`[data-testid="activity-row"][data-title="${title}"]`).waitFor();
      await screenshot(page, 'activities-team.png');
    }),
  );

  test('(f) the rep sees only his own activities and no team scope', { timeout: TEST_TIMEOUT }, () =>
    withBerlinPage(browser, 'rep', async (page) => {
      await startSignedOut(page);
      await signIn(page, { email: FIELD_USER.email, password: DEMO_PASSWORD });

      await dashboardShown(page, 'me');
      assert.equal(await page.getByTestId('dashboard-scope').count(), 0, 'no scope to switch to');
      assert.deepEqual(await page.getByTestId('done-user').evaluateAll((rows) => rows.map((row) => row.dataset.name)), [
        FIELD_USER.name,
      ]);
      await screenshot(page, 'dashboard-rep.png');

      // Everything he may see, open and done: all his own; "Mein Team" is not offered.
      await openNav(page, 'Aktivitäten');
      const filters = page.getByTestId('activity-filters');
      await selectInput(filters, 'Zuständig').click();
      assert.equal(await page.getByRole('option', { name: 'Mein Team', exact: true }).count(), 0);
      await page.getByRole('option', { name: 'Alle', exact: true }).click();
      await page.getByTestId('filter-status').getByText('Alle').click();
      const count = await activityListCount(page);
      assert.ok(count > 0);
      assert.deepEqual(
        [
          ...new Set(
            await page.getByTestId('activity-row').evaluateAll((rows) => rows.map((row) => row.dataset.assignee)),
          ),
        ],
        [FIELD_USER.name],
      );
      if (planned) await page.locator(`[data-testid="activity-row"][data-title="${title}"]`).waitFor();
      await screenshot(page, 'activities-rep.png');

      await page.getByTestId('activity-view').getByText('Agenda').click();
      await page.getByTestId('agenda').waitFor();
      await screenshot(page, 'agenda-rep.png');
    }),
  );

  test('(g) a type in use cannot be deleted; the admin archives it instead', { timeout: TEST_TIMEOUT }, () =>
    withBerlinPage(browser, 'archive type', async (page) => {
      await startSignedOut(page);
      await signIn(page, { email: ADMIN.email, password: DEMO_PASSWORD });
      await openNav(page, 'Aktivitätstypen');
      const row = page.locator(`[data-testid="activity-type-row"][data-name="${typeName}"]`);
      await row.waitFor();
      await row.getByRole('button', { name: `„${typeName}“ löschen` }).click();
      await page
        .getByRole('dialog', { name: 'Aktivitätstyp löschen?' })
        .getByRole('button', { name: 'Löschen' })
        .click();
      if (planned) {
        const offer = page.getByRole('dialog', { name: 'Typ wird noch verwendet' });
        await offer.waitFor();
        await screenshot(page, 'activity-type-in-use.png');
        await offer.getByRole('button', { name: 'Archivieren' }).click();
        await noDialog(page);
        // Archived types are hidden until asked for.
        await row.waitFor({ state: 'detached' });
        await page.getByRole('switch', { name: 'Archivierte Typen anzeigen' }).check();
        await row.and(page.locator('[data-archived="true"]')).waitFor();
      } else {
        await row.waitFor({ state: 'detached' });
      }
    }),
  );
});
