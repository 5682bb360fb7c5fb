import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, signOut, waitForHydration } from './helpers';

test.use({ timezoneId: 'America/New_York' });

/** Opens a doctor's page from the directory and picks the first day with free times. */
async function openFirstFreeDay(page: Page, name: string): Promise<string> {
  await page.goto('/doctors');
  await waitForHydration(page);
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const open = page.locator('.day[aria-disabled="false"]').first();
  const date = (await open.getAttribute('data-date')) ?? '';
  await open.click();
  await expect(page.getByTestId('day-slots').locator('.slot').first()).toBeVisible();
  return date;
}

async function signedInPage(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await signIn(page, login, DEMO_PASSWORD);
  return page;
}

test('a patient books with a hold, the doctor accepts, the patient cancels and the time is free again', async ({ page }) => {
  await signIn(page, 'alice', DEMO_PASSWORD);
  await openFirstFreeDay(page, 'Dr. Robert Wilson');
  const slot = page.getByTestId('day-slots').locator('.slot').first();
  const start = (await slot.getAttribute('data-start')) ?? '';
  await slot.getByRole('button').click();

  await expect(page).toHaveURL(/\/book\/\d+$/);
  await waitForHydration(page);
  await expect(page.getByTestId('hold-countdown')).toContainText(/held for you for \d+:\d\d/);
  await expect(page.getByTestId('booking-confirm')).toContainText('Dr. Robert Wilson');
  await expect(page.getByTestId('your-time')).toContainText(/GMT-[45]\b/);
  await page.getByLabel('Reason for the visit').fill('Persistent cough');
  await page.screenshot({ path: test.info().outputPath('confirm-step.png'), fullPage: true });
  await page.getByTestId('book-button').click();

  await expect(page).toHaveURL(/\/appointments\?booked=\d+/);
  const id = new URL(page.url()).searchParams.get('booked') ?? '';
  const mine = page.locator(`.appointment[data-appointment-id="${id}"]`);
  await expect(mine).toHaveAttribute('data-status', 'pending');
  await expect(mine).toContainText('Persistent cough');
  await signOut(page);

  await signIn(page, 'dr_wilson', DEMO_PASSWORD);
  await page.goto('/agenda');
  await waitForHydration(page);
  const request = page.getByTestId('pending-requests').locator(`.appointment[data-appointment-id="${id}"]`);
  await expect(request).toContainText('Alice Martin');
  await page.screenshot({ path: test.info().outputPath('agenda.png'), fullPage: true });
  await request.getByRole('button', { name: 'Accept' }).click();
  await expect(request).toHaveCount(0);
  await signOut(page);

  await signIn(page, 'alice', DEMO_PASSWORD);
  await page.goto('/appointments');
  await waitForHydration(page);
  await expect(mine).toHaveAttribute('data-status', 'confirmed');
  await mine.locator('summary[data-action="cancel"]').click();
  await mine.getByLabel(/Reason for cancelling/).fill('Feeling better');
  await mine.locator('button[data-confirm="cancel"]').click();
  const cancelled = page.getByTestId('past-appointments').locator(`.appointment[data-appointment-id="${id}"]`);
  await expect(cancelled).toHaveAttribute('data-status', 'cancelled');
  await expect(cancelled).toContainText('Cancelled by the patient: Feeling better');
  await page.screenshot({ path: test.info().outputPath('my-appointments.png'), fullPage: true });

  await openFirstFreeDay(page, 'Dr. Robert Wilson');
  await expect(page.getByTestId('day-slots').locator(`.slot[data-start="${start}"]`)).toBeVisible();
});

test('two patients racing for one time: exactly one holds it, the other is told it was just taken', async ({ browser }) => {
  const pages = [await signedInPage(browser, 'bob'), await signedInPage(browser, 'carol')];
  for (const page of pages) {
    await openFirstFreeDay(page, 'Dr. Emily Davis');
  }
  const start = (await pages[0].getByTestId('day-slots').locator('.slot').last().getAttribute('data-start')) ?? '';
  const buttons = pages.map((page) => page.locator(`.slot[data-start="${start}"]`).getByRole('button'));
  await Promise.all(buttons.map((button) => button.click()));

  const outcomes = await Promise.all(
    pages.map(async (page) => {
      const won = page.waitForURL(/\/book\/\d+$/).then(() => 'won');
      const lost = page.locator('[data-error-code="slot_taken"]').waitFor().then(() => 'lost');
      return Promise.race([won, lost]);
    }),
  );
  expect([...outcomes].sort()).toEqual(['lost', 'won']);
  const loser = pages[outcomes.indexOf('lost')] ?? pages[0];
  await expect(loser.getByText('Sorry, that time was just taken')).toBeVisible();
  await expect(loser.locator(`.slot[data-start="${start}"]`)).toHaveCount(0);
  await loser.screenshot({ path: test.info().outputPath('race-loser.png'), fullPage: true });
});

// A doctor's page and the confirmation step are islands pages: leaving one is a new page load,
// with no router cleanup to let the hold go. The page tells the server as the browser leaves it
// (back, or a link), but not on a reload, which keeps the hold.
test('a held time is let go when the patient leaves the confirmation step, and kept on a reload', async ({ page }) => {
  await signIn(page, 'carol', DEMO_PASSWORD);
  await openFirstFreeDay(page, 'Dr. Robert Wilson');
  const slot = page.getByTestId('day-slots').locator('.slot').nth(1);
  const start = (await slot.getAttribute('data-start')) ?? '';
  const freeAgain = async () => {
    await expect(async () => {
      await openFirstFreeDay(page, 'Dr. Robert Wilson');
      await expect(page.locator(`.slot[data-start="${start}"]`)).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15000 });
  };
  await slot.getByRole('button').click();
  await expect(page).toHaveURL(/\/book\/\d+$/);
  await waitForHydration(page);

  await page.reload();
  await waitForHydration(page);
  await expect(page.getByTestId('hold-countdown')).toContainText(/held for you for \d+:\d\d/);

  await page.goBack();
  await freeAgain();

  await page.locator(`.slot[data-start="${start}"]`).getByRole('button').click();
  await expect(page).toHaveURL(/\/book\/\d+$/);
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Find a doctor' }).first().click();
  await expect(page).toHaveURL(/\/doctors$/);
  await freeAgain();
});
