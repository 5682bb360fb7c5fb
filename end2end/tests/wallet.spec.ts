import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn, signOut, waitForHydration } from './helpers';

test.use({ timezoneId: 'America/New_York' });

/** Fills the deposit form (the card is the only thing that changes between tries). */
async function fillDeposit(page: Page, amount: string, card: string): Promise<void> {
  const form = page.getByTestId('deposit-form');
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('Card number').fill(card);
  await form.getByLabel('Expiry (MM/YY)').fill('12/30');
  await form.getByLabel('Security code').fill('123');
  await form.getByLabel('Name on card').fill('Carol Smith');
}

/** The wallet's USD balance as shown, e.g. "$200.00". */
async function balance(page: Page): Promise<string> {
  return (await page.getByTestId('balance-USD').textContent()) ?? '';
}

/** Picks a free time at least three days ahead (so a cancellation is before the 24 h cut-off). */
async function pickTimeDaysAhead(page: Page, doctor: string): Promise<void> {
  await page.goto('/doctors');
  await waitForHydration(page);
  await page.getByRole('link', { name: doctor }).click();
  await expect(page.getByRole('heading', { level: 1, name: doctor })).toBeVisible();
  const earliest = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  for (let month = 0; month < 3; month++) {
    const open = page.locator('.day[aria-disabled="false"]');
    const dates = await open.evaluateAll((days) => days.map((d) => d.getAttribute('data-date') ?? ''));
    const date = dates.find((d) => d >= earliest);
    if (date) {
      await page.locator(`.day[data-date="${date}"]`).click();
      const slot = page.getByTestId('day-slots').locator('.slot').first();
      await expect(slot).toBeVisible();
      await slot.getByRole('button').click();
      return;
    }
    await page.getByRole('button', { name: 'Next month' }).click();
  }
  throw new Error('no free day three days ahead');
}

test('a patient deposits by card (a declined card is explained), pays a fee at booking, cancels in time and sees the refund', async ({ page }) => {
  await signIn(page, 'carol', DEMO_PASSWORD);
  await page.goto('/wallet');
  await waitForHydration(page);
  const before = await balance(page);
  expect(before).toBe('$200.00'); // the demo credit

  await fillDeposit(page, '75', '4000 0000 0000 0002');
  await page.getByTestId('deposit-button').click();
  await expect(page.getByRole('alert')).toContainText('Your card was declined by its bank and nothing was charged');
  await expect(page.getByTestId('balance-USD')).toHaveText('$200.00');
  await page.screenshot({ path: test.info().outputPath('wallet-declined.png'), fullPage: true });

  await page.getByTestId('deposit-form').getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByTestId('deposit-button').click();
  await expect(page.getByTestId('deposit-done')).toContainText('$75.00 added to your wallet. Your balance is now $275.00.');
  await expect(page.getByTestId('balance-USD')).toHaveText('$275.00');
  const history = page.getByTestId('wallet-history');
  await expect(history.locator('tr[data-kind="deposit"][data-status="declined"]')).toContainText('Declined by the card');
  await expect(history.locator('tr[data-kind="deposit"][data-status="posted"]').first()).toContainText('card •••• 4242');

  await pickTimeDaysAhead(page, 'Dr. Robert Wilson');
  await expect(page).toHaveURL(/\/book\/\d+$/);
  await waitForHydration(page);
  const fee = (await page.getByTestId('fee').textContent()) ?? '';
  await expect(page.getByTestId('payment-choice')).toContainText('From my wallet (balance $275.00)');
  await expect(page.getByLabel(/From my wallet/)).toBeChecked();
  await expect(page.getByLabel('Card number')).toBeHidden();
  await expect(page.getByTestId('refund-policy')).toContainText('at least 24 hours before');
  await page.screenshot({ path: test.info().outputPath('pay-at-booking.png'), fullPage: true });
  await page.getByTestId('book-button').click();
  await expect(page).toHaveURL(/\/appointments\?booked=\d+/);
  const id = new URL(page.url()).searchParams.get('booked') ?? '';

  await page.goto('/wallet');
  await waitForHydration(page);
  const feeMinor = Math.round(Number(fee.replace(/[^0-9.]/g, '')) * 100);
  const afterPaying = `$${((27_500 - feeMinor) / 100).toFixed(2)}`;
  await expect(page.getByTestId('balance-USD')).toHaveText(afterPaying);
  await expect(history.locator('tr[data-kind="payment"]').first()).toContainText(`appointment #${id}`);

  await page.goto('/appointments');
  await waitForHydration(page);
  const mine = page.locator(`.appointment[data-appointment-id="${id}"]`);
  await mine.locator('summary[data-action="cancel"]').click();
  await mine.getByLabel(/Reason for cancelling/).fill('Plans changed');
  await mine.locator('button[data-confirm="cancel"]').click();
  await expect(page.getByTestId('past-appointments').locator(`.appointment[data-appointment-id="${id}"]`)).toHaveAttribute('data-status', 'cancelled');

  await page.goto('/wallet');
  await waitForHydration(page);
  await expect(page.getByTestId('balance-USD')).toHaveText('$275.00');
  const refund = history.locator('tr[data-kind="refund"]').first();
  await expect(refund).toContainText('Refund: cancelled before the cut-off');
  await expect(refund).toContainText(fee);
  await page.screenshot({ path: test.info().outputPath('wallet-refunded.png'), fullPage: true });

  // The same history as a CSV download.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const file = await download;
  const csv = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(csv).toString()).toContain('Refund: cancelled before the cut-off');
  await signOut(page);

  // The admin's audit reconciles.
  await signIn(page, 'admin', DEMO_PASSWORD);
  await page.goto('/admin/payments');
  await waitForHydration(page);
  await expect(page.getByTestId('reconciliation').locator('[data-clean="true"]')).toBeVisible();
  await expect(page.getByTestId('ledger-transactions')).toContainText('Refund: cancelled before the cut-off');
  await page.screenshot({ path: test.info().outputPath('admin-payments.png'), fullPage: true });
});
