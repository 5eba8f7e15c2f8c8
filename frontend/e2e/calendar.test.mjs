// End-to-end scenarios of the calendar through the real desktop app (see support.mjs): a field rep opens the week
// grid of his activities, drags one to another day and time with the mouse, and the server has the new due time;
// the month grid shows it too; a click on it opens its form, a click on an empty slot plans one there. Then he sets
// up his calendar subscription on the account page, a calendar client (node's fetch) gets the feed from the URL the
// page shows, with the moved activity at its Berlin time; renewing makes the old URL answer 404, switching off the
// new one. The activity's title carries a per-run suffix, so the scenario depends on no fresh database.
//
// The browser runs in Europe/Berlin (as a German sales team's desktops do), so the grid's local times are Berlin's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  DEMO_PASSWORD,
  FIELD_USER,
  api,
  apiSession,
  launchBrowser,
  navigation,
  noDialog,
  screenshot,
  signIn,
  startSignedOut,
  uniqueSuffix,
  userMenu,
  withBerlinPage,
  TIME_ZONE,
} from './support.mjs';

const TEST_TIMEOUT = 240_000;
const REP = { ...FIELD_USER, password: DEMO_PASSWORD };

const pad = (value) => String(value).padStart(2, '0');

/** YYYY-MM-DD of the Berlin day of an instant. */
function berlinDay(date) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(date);
}

/** Hours and minutes on a Berlin wall clock, "HH:MM". */
function berlinTime(date) {
  return new Intl.DateTimeFormat('de-DE', {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** The instant of a Berlin wall time on a day (YYYY-MM-DD): tries the two offsets Berlin has. */
function berlinInstant(day, hour, minute) {
  for (const offset of ['+01:00', '+02:00']) {
    const candidate = new Date(`${day}T${pad(hour)}:${pad(minute)}:00${offset}`);
    if (berlinDay(candidate) === day && berlinTime(candidate) === `${pad(hour)}:${pad(minute)}`) return candidate;
  }
  throw new Error(`no Berlin instant for ${day} ${hour}:${minute}`);
}

/** The day (YYYY-MM-DD) n days after day. */
function addDays(day, n) {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** Monday (YYYY-MM-DD) of next week in Berlin. */
function nextMonday(now) {
  const today = berlinDay(now);
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(today, 7 - weekday);
}

/** Waits until the server has the activity as wanted (the UI saves in the background). */
async function waitForActivity(token, id, check, what) {
  const deadline = Date.now() + 15_000;
  let last;
  while (Date.now() < deadline) {
    last = await api(token, 'GET', `/api/v1/activities/${id}`);
    if (check(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.fail(`${what}: the server has ${JSON.stringify(last)}`);
}

/** Drags the element at from (grabbed a few pixels below its top) so that the pointer lands at to. */
async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 5, from.y + 5, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 25 });
  await page.mouse.up();
}

/** Fetches a feed URL as a calendar client does: a plain GET, no token. */
async function fetchFeed(url) {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

/** The URL the calendar card shows, once it has one. */
async function shownFeedUrl(page) {
  const input = page.getByTestId('calendar-feed-url');
  await input.waitFor();
  return input.inputValue();
}

/** Waits until the card shows another URL than old, and returns it. */
async function newFeedUrl(page, old) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const url = await shownFeedUrl(page);
    if (url !== old) return url;
    await page.waitForTimeout(200);
  }
  return assert.fail('the card still shows the old URL');
}

describe('calendar', { timeout: TEST_TIMEOUT }, () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a rep drags an activity in the week grid to another day and time, and subscribes to his calendar', async () => {
    const session = await apiSession(FIELD_USER.email);
    const token = session.accessToken;
    const types = await api(token, 'GET', '/api/v1/activity-types');
    const monday = nextMonday(new Date());
    const tuesday = addDays(monday, 1);
    const thursday = addDays(monday, 3);
    const title = `Kalendertermin ${uniqueSuffix()}`;
    const planned = await api(token, 'POST', '/api/v1/activities', {
      title,
      comment: 'Angebot mitbringen',
      typeId: types.items[0].id,
      dueAt: berlinInstant(tuesday, 10, 0).toISOString(),
      durationMinutes: 60,
      assigneeId: session.me.user.id,
    });
    const target = berlinInstant(thursday, 14, 30);

    await withBerlinPage(browser, 'calendar week drag', async (page) => {
      await startSignedOut(page);
      await signIn(page, REP);
      await navigation(page).getByRole('link', { name: 'Aktivitäten', exact: true }).click();
      await page.getByTestId('activity-view').getByText('Woche', { exact: true }).click();
      const calendar = page.getByTestId('calendar');
      await calendar.waitFor();
      await page.getByRole('button', { name: 'Nächste Woche' }).click();
      await page.locator(`[data-testid="calendar"][data-from="${monday}"]`).waitFor();
      const event = page.locator(`[data-testid="calendar-event"][data-activity-id="${planned.id}"]`);
      await event.waitFor();
      // German: the week's title, weekdays and 24-hour slot labels.
      assert.ok(
        (await page.getByTestId('calendar-title').innerText()).includes(monday.slice(0, 4)),
        'the week is named',
      );
      assert.ok((await page.locator('.fc-col-header').innerText()).includes('Di.'), 'German weekday names');
      assert.ok(
        await page
          .locator('td.fc-timegrid-slot-label[data-time="14:00:00"]')
          .innerText()
          .then((text) => text.includes('14:00')),
        '24-hour slot labels',
      );
      assert.equal(
        await event.evaluate((el) => el.closest('td.fc-timegrid-col')?.getAttribute('data-date')),
        tuesday,
        'the activity is on its Tuesday',
      );
      await screenshot(page, 'calendar-week.png');

      // Grab the event just below its top (10:00) and drop the pointer just below the top of Thursday's 14:30 slot.
      const box = await event.boundingBox();
      const column = await page.locator(`td.fc-timegrid-col[data-date="${thursday}"]`).boundingBox();
      const slot = await page.locator('td.fc-timegrid-slot-lane[data-time="14:30:00"]').boundingBox();
      assert.ok(box && column && slot, 'the event, the day column and the slot are on screen');
      await drag(page, { x: box.x + box.width / 2, y: box.y + 4 }, { x: column.x + column.width / 2, y: slot.y + 4 });

      const moved = await waitForActivity(
        token,
        planned.id,
        (activity) => new Date(activity.dueAt).getTime() === target.getTime(),
        'after the drop the activity is due on Thursday at 14:30',
      );
      assert.equal(moved.durationMinutes, 60, 'a move keeps the duration');
      assert.equal(moved.version, planned.version + 1);
      await page
        .locator(
          `td.fc-timegrid-col[data-date="${thursday}"] [data-testid="calendar-event"][data-activity-id="${planned.id}"]`,
        )
        .waitFor();
      assert.ok((await event.innerText()).includes('14:30'), 'the event shows its new time');
      await screenshot(page, 'calendar-week-moved.png');

      // The list says the same.
      await page.getByTestId('activity-view').getByText('Liste', { exact: true }).click();
      const row = page.locator(`[data-testid="activity-row"][data-title="${title}"]`);
      await row.waitFor();
      assert.ok((await row.getByTestId('activity-due').innerText()).includes('14:30'));

      // The month grid shows it on Thursday.
      await page.getByTestId('activity-view').getByText('Monat', { exact: true }).click();
      const month = page.getByTestId('calendar').and(page.locator('[data-view="month"]'));
      await month.waitFor();
      // By the grid's days, not by the events it shows yet (they may still be loading).
      const [from, to] = [await month.getAttribute('data-from'), await month.getAttribute('data-to')];
      if (!(from <= thursday && thursday <= to)) await page.getByRole('button', { name: 'Nächster Monat' }).click();
      const inMonth = page.locator(`[data-testid="calendar-event"][data-activity-id="${planned.id}"]`);
      await inMonth.first().waitFor();
      assert.equal(
        await inMonth.first().evaluate((el) => el.closest('td.fc-daygrid-day')?.getAttribute('data-date')),
        thursday,
      );
      await screenshot(page, 'calendar-month.png');

      // A click on the activity opens its form; a click on an empty day plans a new one that day at 09:00.
      await inMonth.first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Titel' }).waitFor();
      assert.equal(await dialog.getByRole('textbox', { name: 'Titel' }).inputValue(), title);
      await page.keyboard.press('Escape');
      await noDialog(page);
      // The top of a day cell (its number) is free of events.
      await page.locator(`td.fc-daygrid-day[data-date="${addDays(thursday, 1)}"] .fc-daygrid-day-top`).click();
      await dialog.getByText('Aktivität planen').first().waitFor();
      assert.ok((await dialog.getByRole('button', { name: 'Datum und Uhrzeit' }).innerText()).includes('09:00'));
      await screenshot(page, 'calendar-plan-from-grid.png');
      await page.keyboard.press('Escape');
      await noDialog(page);
    });

    await withBerlinPage(browser, 'calendar feed', async (page) => {
      await startSignedOut(page);
      await signIn(page, REP);
      await userMenu(page).click();
      await page.getByRole('menuitem', { name: 'Kalender-Abo' }).click();
      const card = page.getByTestId('calendar-feed');
      await card.waitFor();
      assert.ok((await card.innerText()).includes('nur Ihre eigenen Aktivitäten'), 'the card says whose activities');
      // A feed left by an earlier run has no URL to show: renew it; a new one is set up.
      const renewButton = card.getByRole('button', { name: 'Neu erzeugen' });
      const renew = async () => {
        await renewButton.click();
        await page.getByRole('dialog').getByRole('button', { name: 'Neu erzeugen' }).click();
      };
      if (await renewButton.isVisible()) await renew();
      else await card.getByRole('button', { name: 'Kalender-Abo einrichten' }).click();
      const url = await shownFeedUrl(page);
      assert.match(url, /^https:\/\/127\.0\.0\.1:\d+\/ics\/1sc_[A-Za-z0-9_-]{43}\.ics$/);
      await screenshot(page, 'calendar-feed-card.png');

      const feed = await fetchFeed(url);
      assert.equal(feed.status, 200, feed.body);
      assert.match(feed.type, /^text\/calendar/);
      assert.ok(feed.body.startsWith('BEGIN:VCALENDAR\r\n'), 'an iCalendar document with CRLF lines');
      assert.ok(feed.body.includes(`UID:${planned.id}@1sales`), 'the moved activity is in the feed');
      assert.ok(
        feed.body.includes(`DTSTART;TZID=Europe/Berlin:${thursday.replaceAll('-', '')}T143000`),
        'at its new Berlin time',
      );
      assert.ok(feed.body.includes('BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin'));

      // Renewed: the old URL is gone, the new one works.
      await renew();
      const renewed = await newFeedUrl(page, url);
      assert.equal((await fetchFeed(url)).status, 404, 'the old URL after renewing');
      assert.equal((await fetchFeed(renewed)).status, 200, 'the renewed URL');
      await screenshot(page, 'calendar-feed-renewed.png');

      // Switched off: the URL is gone.
      await card.getByRole('button', { name: 'Abschalten' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Abschalten' }).click();
      await card.getByRole('button', { name: 'Kalender-Abo einrichten' }).waitFor();
      assert.equal((await fetchFeed(renewed)).status, 404, 'the URL after switching off');
    });
  });
});
