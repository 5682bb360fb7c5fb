import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, shoot, signIn, waitForHydration } from './helpers';

// Issue 18: a doctor connects their own calendar on a real CalDAV server (Radicale, from the
// bootstrap's virtualenv, started here on loopback); its busy event hides that time from a
// patient; the patient books another time, the doctor accepts and the visit appears in the
// doctor's calendar. The patient subscribes to their own feed and sees the visit in it.

test.use({ timezoneId: 'America/New_York' });

const USER = 'doctor';
const SECRET = 'app-password-e2e';
let radicale: ChildProcess;
let base = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

function dav(method: string, url: string, body?: string): Promise<Response> {
  const auth = Buffer.from(`${USER}:${SECRET}`).toString('base64');
  const headers: Record<string, string> = { authorization: `Basic ${auth}` };
  if (body) headers['content-type'] = 'text/calendar; charset=utf-8';
  return fetch(url, { method, headers, body });
}

test.beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'radicale-'));
  writeFileSync(path.join(dir, 'users'), `${USER}:${SECRET}\n`);
  const port = await freePort();
  const python = path.join(process.env.HOME ?? '', '.cache/medibook/venv/bin/python');
  radicale = spawn(python, [
    '-m', 'radicale', '--server-hosts', `127.0.0.1:${port}`,
    '--storage-filesystem-folder', path.join(dir, 'collections'),
    '--auth-type', 'htpasswd', '--auth-htpasswd-encryption', 'plain',
    '--auth-htpasswd-filename', path.join(dir, 'users'), '--rights-type', 'owner_only',
  ], { stdio: 'ignore' });
  base = `http://127.0.0.1:${port}/${USER}/work/`;
  for (let i = 0; i < 100; i++) {
    try {
      const made = await dav('MKCALENDAR', base);
      if (made.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('Radicale did not start');
});

test.afterAll(() => {
  radicale?.kill();
});

/** An instant as iCalendar's UTC form: 20261204T150000Z. */
function stamp(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

async function signedIn(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await signIn(page, login, DEMO_PASSWORD);
  return page;
}

test('a busy event in the doctor\'s own calendar hides the time; a booking is written back to it', async ({ browser }) => {
  const patient = await signedIn(browser, 'bob');
  await patient.goto('/doctors');
  await waitForHydration(patient);
  await patient.getByRole('link', { name: 'Dr. Sarah Johnson' }).click();
  const day = patient.locator('.day[aria-disabled="false"]').first();
  const date = (await day.getAttribute('data-date')) ?? '';
  await day.click();
  const slots = patient.getByTestId('day-slots').locator('.slot');
  await expect(slots.first()).toBeVisible();
  const busy = (await slots.first().getAttribute('data-start')) ?? '';
  const end = new Date(Date.parse(busy) + 30 * 60_000).toISOString();
  const event = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//e2e//EN', 'BEGIN:VEVENT', 'UID:school-run',
    'DTSTAMP:20261101T000000Z', `DTSTART:${stamp(busy)}`, `DTEND:${stamp(end)}`, 'SUMMARY:School run',
    'END:VEVENT', 'END:VCALENDAR', '',
  ].join('\r\n');
  expect((await dav('PUT', `${base}school-run.ics`, event)).ok).toBe(true);

  const doctor = await signedIn(browser, 'dr_johnson');
  await doctor.goto('/schedule');
  await waitForHydration(doctor);
  const own = doctor.getByTestId('own-calendars');
  await own.getByTestId('kind-caldav').check();
  await own.getByLabel('Calendar address', { exact: true }).fill('not an address');
  await own.getByTestId('connect-calendar').click();
  await expect(own.locator('#calendar_url-error')).toContainText('starting with https://');
  await own.getByLabel('Calendar address', { exact: true }).fill(base);
  await own.getByLabel('Name (optional)').fill('Work');
  await own.getByLabel('User name', { exact: true }).fill(USER);
  await own.getByLabel('App password', { exact: true }).fill(SECRET);
  await own.getByTestId('connect-calendar').click();
  const item = own.getByTestId('own-calendar');
  await expect(item).toContainText('Work');
  await expect(item.getByTestId('calendar-synced')).toContainText('1 busy time ahead');
  await item.getByTestId('write-back-toggle').click();
  await expect(item.getByTestId('calendar-write-back')).toBeVisible();
  await shoot(doctor, 'schedule-own-calendars');

  // The patient's calendar no longer offers the busy time (the page asks the server again).
  await patient.reload();
  await waitForHydration(patient);
  await patient.locator(`.day[data-date="${date}"]`).click();
  await expect(slots.first()).toBeVisible();
  await expect(patient.locator(`.slot[data-start="${busy}"]`)).toHaveCount(0);
  const chosen = (await slots.first().getAttribute('data-start')) ?? '';
  await slots.first().getByRole('button').click();
  await expect(patient).toHaveURL(/\/book\/\d+$/);
  await waitForHydration(patient);
  await patient.getByLabel('Reason for the visit').fill('Rash');
  await patient.getByTestId('book-button').click();
  await expect(patient).toHaveURL(/\/appointments\?booked=\d+/);
  const id = new URL(patient.url()).searchParams.get('booked') ?? '';

  await doctor.goto('/agenda');
  await waitForHydration(doctor);
  const request = doctor.getByTestId('pending-requests').locator(`.appointment[data-appointment-id="${id}"]`);
  await request.getByRole('button', { name: 'Accept' }).click();
  await expect(request).toHaveCount(0);
  // The server's worker writes it to Radicale within a few seconds.
  const object = `${base}appointment-${id}@127.0.0.1.ics`;
  await expect.poll(async () => (await dav('GET', object)).status, { timeout: 20_000 }).toBe(200);
  const stored = await (await dav('GET', object)).text();
  expect(stored).toContain(`DTSTART:${stamp(chosen)}`);
  expect(stored).toContain('SUMMARY:Appointment');
  expect(stored).not.toContain('Rash');

  // The patient: add-to-calendar links on the visit, and a feed of their own.
  await patient.goto(`/appointments/${id}`);
  await waitForHydration(patient);
  const links = patient.getByTestId('add-to-calendar');
  await expect(links.getByRole('link', { name: 'Google' })).toHaveAttribute('href', /calendar\.google\.com.*dates=/);
  await expect(links.getByRole('link', { name: /Apple/ })).toHaveAttribute('href', `/appointments/${id}/calendar.ics`);
  await shoot(patient, 'appointment-add-to-calendar');
  await patient.goto('/account');
  await waitForHydration(patient);
  const feed = patient.getByTestId('calendar-feed');
  await expect(feed.getByTestId('feed-state')).toContainText('no calendar address');
  await feed.getByTestId('feed-make').click();
  const url = (await feed.getByTestId('feed-url').inputValue()) ?? '';
  expect(url).toMatch(/\/calendar\/[0-9a-f]{64}\.ics$/);
  await expect(feed.getByTestId('feed-state')).toContainText('works since');
  await shoot(patient, 'account-calendar-feed');
  const ics = await patient.request.get(new URL(url).pathname);
  expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  const text = await ics.text();
  expect(text).toContain('SUMMARY:Visit with Dr. Sarah Johnson (Dermatology)');
  expect(text).toContain('STATUS:CONFIRMED');
  await feed.getByTestId('feed-stop').click();
  await expect(feed.getByTestId('feed-state')).toContainText('no calendar address');
  expect((await patient.request.get(new URL(url).pathname)).status()).toBe(404);
  await patient.context().close();
  await doctor.context().close();
});
