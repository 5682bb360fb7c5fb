import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { DEMO_PASSWORD, freshPage, shoot, signIn, signOut, waitForHydration } from './helpers';

test.use({ timezoneId: 'Asia/Dhaka' });

/** A 240 × 240 PNG (a soft gradient), made here so nothing is read from disk. */
function portrait(): Buffer {
  const side = 240;
  const rows: Buffer[] = [];
  for (let y = 0; y < side; y++) {
    const row = Buffer.alloc(1 + side * 3);
    for (let x = 0; x < side; x++) {
      row[1 + x * 3] = 40 + (x * 150) / side;
      row[2 + x * 3] = 90 + (y * 120) / side;
      row[3 + x * 3] = 160;
    }
    rows.push(row);
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const chunk = (kind: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(kind, 'ascii'), data]);
    let crc = 0xffffffff;
    for (const byte of body) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * The visit's time comes: moves a booked appointment whole days back so it has started (the
 * server runs on the real clock; only this test's database is touched, through SQLite itself,
 * so every trigger still applies). Returns the day it now falls on, in UTC.
 */
function letTheVisitHappen(appointmentId: string): string {
  const database = path.join(process.env.MEDIBOOK_E2E_DIR ?? '', 'e2e.db');
  const script = `
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], timeout=10)
start = db.execute("SELECT start_at FROM appointments WHERE id = ?", (int(sys.argv[2]),)).fetchone()[0]
shift = ((start - int(time.time())) // 86400 + 1) * 86400
db.execute("UPDATE appointments SET start_at = start_at - ?1, end_at = end_at - ?1, blocked_from = blocked_from - ?1, blocked_until = blocked_until - ?1 WHERE id = ?2", (shift, int(sys.argv[2])))
db.commit()
print(time.strftime("%Y-%m-%d", time.gmtime(start - shift)))
`;
  return execFileSync('python3', ['-c', script, database, appointmentId]).toString().trim();
}

test('search, a doctor with a photo and reviews, booking, the visit, a review, its answer and its hiding', async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const watch = (page: Page) => page.on('pageerror', (e) => errors.push(String(e)));

  // The doctor puts up a photo (a plain form post; the page says how it went).
  const doctor = await freshPage(browser);
  watch(doctor);
  await signIn(doctor, 'dr_smith', DEMO_PASSWORD);
  await doctor.goto('/account');
  await waitForHydration(doctor);
  await doctor.getByLabel('New photo').setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('#!/bin/sh\necho not a picture\n') });
  await doctor.getByRole('button', { name: 'Upload photo' }).click();
  await expect(doctor.locator('#photo-error')).toContainText('not a JPEG, PNG or WebP picture');
  await doctor.getByLabel('New photo').setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: portrait() });
  await doctor.getByRole('button', { name: 'Upload photo' }).click();
  await expect(doctor.getByText('Your new photo is on your profile.')).toBeVisible();
  await expect(doctor.locator('#photo img')).toHaveAttribute('src', /^\/photos\/[0-9a-f]{32}\/profile\.jpg$/);
  await shoot(doctor, 'account-photo');

  // A patient searches "cardio" in a district and opens the doctor.
  const patient = await freshPage(browser);
  watch(patient);
  await signIn(patient, 'alice', DEMO_PASSWORD);
  await patient.goto('/doctors');
  await waitForHydration(patient);
  await patient.getByLabel('Search').fill('cardio');
  await patient.getByLabel('Division').selectOption({ label: 'Dhaka · ঢাকা' });
  await expect(patient.getByLabel('District')).toBeVisible();
  await patient.getByLabel('District').selectOption({ label: 'Dhaka · ঢাকা' });
  await patient.getByRole('button', { name: 'Search' }).click();
  await expect(patient).toHaveURL(/q=cardio/);
  const card = patient.getByTestId('doctor-list').locator('.doctor-card', { hasText: 'Dr. John Smith' });
  await expect(card.locator('img')).toHaveAttribute('src', /\/photos\/[0-9a-f]{32}\/card\.jpg$/);
  await shoot(patient, 'search');
  await card.getByRole('link', { name: 'Dr. John Smith' }).click();
  await expect(patient.getByRole('heading', { level: 1, name: 'Dr. John Smith' })).toBeVisible();
  await expect(patient.getByTestId('doctor-place')).toContainText('Dhaka › Dhaka › Dhanmondi');
  await expect(patient.locator('.doctor-profile img')).toHaveAttribute('src', /profile\.jpg$/);
  await expect(patient.getByRole('heading', { name: 'Reviews' })).toBeVisible();

  // Books the first free time (paid from the demo wallet).
  await waitForHydration(patient);
  const open = patient.locator('.day[aria-disabled="false"]').first();
  await open.click();
  const slot = patient.getByTestId('day-slots').locator('.slot').first();
  await slot.getByRole('button').click();
  await expect(patient).toHaveURL(/\/book\/\d+$/);
  await waitForHydration(patient);
  await patient.getByLabel('Reason for the visit').fill('Palpitations');
  await patient.getByTestId('book-button').click();
  await expect(patient).toHaveURL(/\/appointments\?booked=\d+/);
  const id = new URL(patient.url()).searchParams.get('booked') ?? '';

  // The doctor accepts; the day of the visit comes; the doctor marks it completed.
  await doctor.goto('/agenda');
  await waitForHydration(doctor);
  await doctor.getByTestId('pending-requests').locator(`.appointment[data-appointment-id="${id}"]`).getByRole('button', { name: 'Accept' }).click();
  await expect(doctor.getByTestId('pending-requests').locator(`.appointment[data-appointment-id="${id}"]`)).toHaveCount(0);
  const day = letTheVisitHappen(id);
  await doctor.goto(`/agenda?date=${day}&period=week`);
  await waitForHydration(doctor);
  const visit = doctor.locator(`.appointment[data-appointment-id="${id}"]`);
  await visit.locator('button[data-action="complete"]').click();
  await expect(visit).toHaveAttribute('data-status', 'completed');

  // The patient reviews the visit.
  await patient.goto('/appointments');
  await waitForHydration(patient);
  await patient.locator(`.appointment[data-appointment-id="${id}"]`).getByTestId('review-visit').click();
  await waitForHydration(patient);
  await patient.getByLabel(/4 stars/).check();
  await patient.getByLabel('Your review (optional)').fill('Explained everything and took time to listen.');
  await patient.getByRole('button', { name: 'Publish review' }).click();
  await expect(patient.getByTestId('my-review')).toContainText('Explained everything');

  // The doctor answers it in public, once.
  await doctor.goto(`/doctors/${await smithId(patient)}`);
  await waitForHydration(doctor);
  const review = doctor.getByTestId('review-list').locator('.review').first();
  await expect(review).toContainText('Explained everything');
  await review.getByLabel('Answer in public (once)').fill('Thank you, Alice. See you at the follow-up.');
  await review.getByRole('button', { name: 'Publish answer' }).click();
  await expect(review).toContainText("The doctor's answer");
  await expect(review.getByRole('button', { name: 'Publish answer' })).toHaveCount(0);
  await shoot(doctor, 'doctor-page-answered');

  // An admin hides it with a reason; patients no longer see it.
  const admin = await freshPage(browser);
  watch(admin);
  await signIn(admin, 'admin', DEMO_PASSWORD);
  await admin.goto(`/doctors/${await smithId(patient)}`);
  await waitForHydration(admin);
  const moderated = admin.getByTestId('review-list').locator('.review').first();
  await moderated.getByLabel('Reason (the author is told)').fill('Names another patient.');
  await moderated.getByRole('button', { name: 'Hide review' }).click();
  await expect(moderated).toContainText('Hidden from patients: Names another patient.');
  await shoot(admin, 'review-hidden');
  await signOut(admin);
  await admin.goto(`/doctors/${await smithId(patient)}`);
  await expect(admin.getByTestId('review-list')).toHaveCount(0);
  expect(errors).toEqual([]);
});

/** Dr. Smith's id, from a link to his page. */
async function smithId(page: Page): Promise<string> {
  const response = await page.request.post('/api/search_doctors', {
    form: { query: 'q=smith' },
    headers: { Origin: new URL(page.url()).origin },
  });
  const body = await response.json();
  return String(body.cards[0].id);
}
