import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { DEMO_PASSWORD, freshPage, shoot, signIn, waitForHydration } from './helpers';

test.use({ timezoneId: 'Asia/Dhaka' });

/**
 * The visit is under way: moves a booked appointment to have started a few minutes ago, today in
 * the doctor's zone (only this test's database is touched, through SQLite itself, so every
 * trigger still applies; if the doctor is busy then, an earlier start today is tried).
 */
function startTheVisitNow(appointmentId: string): void {
  const database = path.join(process.env.MEDIBOOK_E2E_DIR ?? '', 'e2e.db');
  const script = `
import sqlite3, sys, time, datetime, zoneinfo
db = sqlite3.connect(sys.argv[1], timeout=10)
id = int(sys.argv[2])
start, end, zone = db.execute("SELECT a.start_at, a.end_at, d.time_zone FROM appointments a JOIN doctors d ON d.user_id = a.doctor_id WHERE a.id = ?", (id,)).fetchone()
now = int(time.time())
local = datetime.datetime.fromtimestamp(now, zoneinfo.ZoneInfo(zone))
midnight = int(local.replace(hour=0, minute=0, second=0, microsecond=0).timestamp())
# Ten minutes ago, or (just after midnight) the first minute of today.
candidate = max(now - now % 60 - 600, midnight + 60)
while midnight < candidate <= now:
    shift = start - candidate
    try:
        db.execute("UPDATE appointments SET start_at = start_at - ?1, end_at = end_at - ?1, blocked_from = blocked_from - ?1, blocked_until = blocked_until - ?1 WHERE id = ?2", (shift, id))
        db.commit()
        sys.exit(0)
    except sqlite3.DatabaseError:
        db.rollback()
        candidate -= end - start
sys.exit("no free time earlier today")
`;
  execFileSync('python3', ['-c', script, database, appointmentId]);
}

test("a doctor's day: the patient's record, the visit's notes, the follow-up; the patient sees who opened the record", async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (e) => errors.push(String(e)));
  const privateNote = 'Anxious about results; call if BP above 150';

  // Bob fills in his allergies, then books Dr. Davis (first free time, from the wallet).
  const patient = await freshPage(browser);
  watch(patient);
  await signIn(patient, 'bob', DEMO_PASSWORD);
  await patient.goto('/account');
  await waitForHydration(patient);
  await patient.getByLabel('Allergies').fill('Penicillin');
  await patient.getByRole('button', { name: 'Save details' }).click();
  await expect(patient.getByText('Your details were saved.')).toBeVisible();
  await patient.goto('/doctors');
  await waitForHydration(patient);
  await patient.getByTestId('doctor-list').getByRole('link', { name: 'Dr. Emily Davis' }).click();
  await waitForHydration(patient);
  await patient.locator('.day[aria-disabled="false"]').first().click();
  await patient.getByTestId('day-slots').locator('.slot').first().getByRole('button').click();
  await expect(patient).toHaveURL(/\/book\/\d+$/);
  await waitForHydration(patient);
  await patient.getByLabel('Reason for the visit').fill('Recurring headaches');
  await patient.getByTestId('book-button').click();
  await expect(patient).toHaveURL(/\/appointments\?booked=\d+/);
  const id = new URL(patient.url()).searchParams.get('booked') ?? '';

  // The doctor accepts; the visit starts; the dashboard lists it today.
  const doctor = await freshPage(browser);
  watch(doctor);
  await signIn(doctor, 'dr_davis', DEMO_PASSWORD);
  await doctor.goto('/agenda');
  await waitForHydration(doctor);
  await doctor.getByTestId('pending-requests').locator(`.appointment[data-appointment-id="${id}"]`).getByRole('button', { name: 'Accept' }).click();
  await expect(doctor.getByTestId('pending-requests').locator(`.appointment[data-appointment-id="${id}"]`)).toHaveCount(0);
  startTheVisitNow(id);
  await doctor.goto('/');
  await waitForHydration(doctor);
  const today = doctor.getByTestId('today-visits').locator(`li[data-appointment-id="${id}"]`);
  await expect(today).toContainText('Recurring headaches');
  await shoot(doctor, 'doctor-dashboard');

  // From the dashboard to the patient's record: allergies, and this visit.
  await today.getByTestId('today-patient').click();
  await expect(doctor.getByTestId('patient-name')).toHaveText('Bob Nguyen');
  await expect(doctor.getByTestId('patient-allergies')).toHaveText('Penicillin');
  await expect(doctor.getByTestId('record-visits')).toContainText('Recurring headaches');
  await shoot(doctor, 'patient-record');

  // The visit's page: a summary, a private note, then the visit is completed.
  await doctor.getByTestId('record-visits').locator(`li[data-appointment-id="${id}"]`).getByRole('link', { name: 'Open the visit' }).click();
  await waitForHydration(doctor);
  await doctor.getByLabel('Follow-up in (weeks)').fill('99');
  await doctor.getByRole('button', { name: 'Save note' }).click();
  await expect(doctor.locator('#follow_up_weeks-error')).toContainText('from 1 to 52');
  await doctor.getByLabel('Diagnosis').fill('Tension-type headache.');
  await doctor.getByLabel('Advice').fill('Regular sleep, water, short screen breaks. Paracetamol if needed.');
  await doctor.getByLabel('Follow-up in (weeks)').fill('2');
  await doctor.getByLabel('Private note').fill(privateNote);
  await doctor.getByRole('button', { name: 'Save note' }).click();
  await expect(doctor.getByText('The note was saved.')).toBeVisible();
  const card = doctor.locator(`.appointment[data-appointment-id="${id}"]`);
  await card.locator('button[data-action="complete"]').click();
  await expect(card).toHaveAttribute('data-status', 'completed');
  await expect(doctor.getByTestId('status-history')).toContainText('Completed by the doctor');
  await shoot(doctor, 'visit-notes-doctor');

  // The patient reads the summary (never the private note) and books the follow-up.
  await patient.goto(`/appointments/${id}`);
  await waitForHydration(patient);
  await expect(patient.getByTestId('note-diagnosis')).toHaveText('Tension-type headache.');
  await expect(patient.getByTestId('note-follow-up')).toHaveText('In 2 weeks');
  await expect(patient.locator('body')).not.toContainText('call if BP');
  expect(await patient.content()).not.toContain('call if BP');
  await shoot(patient, 'visit-summary-patient');
  await patient.getByTestId('book-follow-up').click();
  await expect(patient).toHaveURL(/\/doctors\/\d+\?from=\d{4}-\d{2}-\d{2}$/);
  await expect(patient.getByRole('heading', { level: 1, name: 'Dr. Emily Davis' })).toBeVisible();
  await expect(patient.getByTestId('day-slots')).toBeVisible();

  // His account lists who opened his record.
  await patient.goto('/account');
  await waitForHydration(patient);
  await expect(patient.getByTestId('record-views')).toContainText('Dr. Emily Davis viewed your record on');
  await shoot(patient, 'record-views');

  // The admin: the dashboard's numbers, this month's figures for every doctor.
  const admin = await freshPage(browser);
  watch(admin);
  await signIn(admin, 'admin', DEMO_PASSWORD);
  await expect(admin.getByTestId('stat-visits-today')).toBeVisible();
  await shoot(admin, 'admin-dashboard');
  await admin.goto('/reports');
  await waitForHydration(admin);
  // From the first of last month to two days ahead: today's visit, whatever the zones.
  const now = new Date();
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
  const to = new Date(now.getTime() + 2 * 86_400_000).toISOString().slice(0, 10);
  await admin.getByLabel('From').fill(from);
  await admin.getByLabel('To').fill(to);
  await admin.getByRole('button', { name: 'Show figures' }).click();
  await expect(admin).toHaveURL(/from=\d{4}-\d{2}-01&to=/);
  await expect(admin.getByRole('region', { name: 'Any dates' }).getByTestId('report-table')).toContainText('Dr. Emily Davis');
  await shoot(admin, 'reports');
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  await expect(admin.locator('#bookings-per-day svg')).toBeVisible();
  expect(await admin.locator('#bookings-per-day svg rect').count()).toBeGreaterThan(27);
  await expect(admin.locator('#utilisation')).toContainText('Dr. Emily Davis');
  await admin.locator('#lead-times summary').click();
  await expect(admin.locator('#lead-times table')).toBeVisible();
  await shoot(admin, 'analytics');
  expect(errors).toEqual([]);
  // Pages left open keep polling the server under the next tests.
  for (const page of [patient, doctor, admin]) await page.context().close();
});
