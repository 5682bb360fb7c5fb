import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, signOut, waitForHydration } from './helpers';

/** Opens a doctor's page from the directory. */
async function openDoctor(page: Page, name: string): Promise<void> {
  await page.goto('/doctors');
  await waitForHydration(page);
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.locator('.day').first()).toBeVisible();
}

/** Moves the calendar forward until the day `date` is shown. */
async function showMonthOf(page: Page, date: string): Promise<void> {
  for (let i = 0; i < 3 && (await page.locator(`.day[data-date="${date}"]`).count()) === 0; i++) {
    await page.getByRole('button', { name: 'Next month' }).click();
  }
  await expect(page.locator(`.day[data-date="${date}"]`)).toBeVisible();
}

test.describe('patients in Kolkata', () => {
  test.use({ timezoneId: 'Asia/Kolkata' });

  test('browse the directory, move between months with the keyboard, open a day and see its slots', async ({ page }) => {
    await openDoctor(page, 'Dr. Emily Davis');
    await expect(page.locator('#viewer-zone')).toHaveValue('Asia/Kolkata');

    const month = page.locator('#calendar-month');
    const thisMonth = (await month.textContent()) ?? '';
    const focused = page.locator('.day[tabindex="0"]');
    await focused.focus();
    await page.keyboard.press('PageDown');
    await expect(month).not.toHaveText(thisMonth);
    await page.locator('.day[tabindex="0"]').focus();
    await page.keyboard.press('PageUp');
    await expect(month).toHaveText(thisMonth);

    const open = page.locator('.day[aria-disabled="false"]').first();
    const date = await open.getAttribute('data-date');
    await open.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.locator(':focus')).not.toHaveAttribute('data-date', date ?? '');
    await page.keyboard.press('ArrowLeft');
    await expect(page.locator(':focus')).toHaveAttribute('data-date', date ?? '');
    await page.keyboard.press('Enter');

    const slots = page.getByTestId('day-slots').locator('.slot');
    await expect(slots.first()).toBeVisible();
    await expect(slots.first()).toContainText('GMT+5:30');
    await expect(slots.first()).toContainText('for the doctor');
    await expect(page.locator(`.day[data-date="${date}"]`)).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: test.info().outputPath('doctor-calendar.png'), fullPage: true });
  });
});

/** What the browser's own Intl (ICU) shows for `iso` in `zone`: `14:30 GMT+5:30`. */
async function expectedTimes(page: Page, isos: string[], zone: string): Promise<string[]> {
  return page.evaluate(({ isos, zone }) => isos.map((iso) => {
    const at = new Date(iso);
    const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
    const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
    return `${time} ${offset}`;
  }), { isos, zone });
}

/** Each shown slot's own time and zone label, with its instant. */
async function shownTimes(page: Page): Promise<{ isos: string[]; texts: string[] }> {
  const slots = page.getByTestId('day-slots').locator('.slot');
  const isos = await slots.evaluateAll((els) => els.map((el) => el.getAttribute('data-start') ?? ''));
  const texts = await slots.locator('.slot-time').allTextContents();
  return { isos, texts: texts.map((t) => t.replace(/\s+/g, ' ').trim()) };
}

test.describe('the client reads zones from the browser', () => {
  test.use({ timezoneId: 'Asia/Kathmandu' });

  // The wasm client carries no time-zone tables: it asks the browser's Intl for offsets
  // (src/intl_zone.rs). Its times must be the browser's own, in a +5:45 zone and in a zone whose
  // summer time moves the clock by half an hour.
  test('slot times and offsets match the browser\'s own Intl in Kathmandu and on Lord Howe Island', async ({ page }) => {
    await openDoctor(page, 'Dr. Emily Davis');
    await expect(page.locator('#viewer-zone')).toHaveValue('Asia/Kathmandu');
    await page.locator('.day[aria-disabled="false"]').first().click();
    await expect(page.getByTestId('day-slots').locator('.slot').first()).toContainText('GMT+5:45');
    let shown = await shownTimes(page);
    expect(shown.isos.length).toBeGreaterThan(0);
    expect(shown.texts).toEqual(await expectedTimes(page, shown.isos, 'Asia/Kathmandu'));

    // The same instants fall on other days there: the calendar is the viewer's, so open a day again.
    await page.locator('#viewer-zone').selectOption('Australia/Lord_Howe');
    await expect(page.locator('#viewer-zone')).toHaveValue('Australia/Lord_Howe');
    await page.locator('.day[aria-disabled="false"]').first().click();
    await expect(page.getByTestId('day-slots').locator('.slot').first()).toContainText(/GMT\+1[01]/);
    shown = await shownTimes(page);
    expect(shown.texts).toEqual(await expectedTimes(page, shown.isos, 'Australia/Lord_Howe'));
    await page.screenshot({ path: test.info().outputPath('lord-howe-times.png'), fullPage: true });
  });
});

test.describe('in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('a doctor adds a day off and the patient calendar then shows that day disabled', async ({ page }) => {
    await openDoctor(page, 'Dr. Michael Brown');
    const open = page.locator('.day[aria-disabled="false"]').first();
    const date = (await open.getAttribute('data-date')) ?? '';
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await signIn(page, 'dr_brown', DEMO_PASSWORD);
    await page.goto('/schedule');
    await waitForHydration(page);
    await page.getByLabel('Date', { exact: true }).fill(date);
    await page.getByRole('button', { name: 'Save day' }).click();
    await expect(page.getByTestId('override-list').locator(`li[data-date="${date}"]`)).toContainText('day off');
    await signOut(page);

    await openDoctor(page, 'Dr. Michael Brown');
    await showMonthOf(page, date);
    await expect(page.locator(`.day[data-date="${date}"]`)).toHaveAttribute('aria-disabled', 'true');
  });

  test('the schedule preview updates while the doctor types and matches what patients then see', async ({ page }) => {
    await signIn(page, 'dr_johnson', DEMO_PASSWORD);
    await page.goto('/schedule');
    await waitForHydration(page);
    const monday = page.getByTestId('slot-preview').locator('li', { hasText: /^Mon/ });
    await expect(monday).toHaveAttribute('data-count', '0');
    await page.getByLabel('Monday').fill('09:00-10:00');
    await expect(monday).toHaveAttribute('data-count', '2');
    await expect(monday).toContainText('09:00 · 09:30');

    await page.getByLabel('Tuesday').fill('13:00-10:00');
    await expect(page.locator('#hours_tue-error')).toHaveText('Each interval must end after it starts.');
    await page.getByLabel('Tuesday').fill('10:00-13:00, 14:00-17:00');
    await page.getByRole('button', { name: 'Save weekly hours' }).click();
    await expect(page.getByRole('status')).toHaveText('Weekly hours saved.');
    const date = (await monday.getAttribute('data-date')) ?? '';
    await signOut(page);

    await openDoctor(page, 'Dr. Sarah Johnson');
    await showMonthOf(page, date);
    await page.locator(`.day[data-date="${date}"]`).click();
    const slots = page.getByTestId('day-slots').locator('.slot-time');
    await expect(slots).toHaveText([/^09:00/, /^09:30/]);
  });
});
