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
    await expect(slots.first()).toContainText('IST');
    await expect(slots.first()).toContainText('for the doctor');
    await expect(page.locator(`.day[data-date="${date}"]`)).toHaveAttribute('aria-pressed', 'true');
    await page.screenshot({ path: test.info().outputPath('doctor-calendar.png'), fullPage: true });
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
