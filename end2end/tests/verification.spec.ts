import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, PASSWORD, fillRegistration, signIn, uniqueName, waitForHydration } from './helpers';

test.use({ timezoneId: 'America/New_York' });

/** Picks the first free time of Dr. Emily Davis and clicks it. */
async function pickFirstFreeTime(page: Page): Promise<void> {
  await page.goto('/doctors');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Dr. Emily Davis' }).click();
  await page.locator('.day[aria-disabled="false"]').first().click();
  const slot = page.getByTestId('day-slots').locator('.slot').first();
  await expect(slot).toBeVisible();
  await slot.getByRole('button').click();
}

/** Reads the newest code mailed to `email` from the admin's outbox page. */
async function codeFromOutbox(page: Page, email: string, kind = 'verification code'): Promise<string> {
  await signIn(page, 'admin', DEMO_PASSWORD);
  const subject = page.locator('.mail-subject').first();
  await expect(async () => {
    await page.goto(`/admin/mail?to=${encodeURIComponent(email)}`);
    await expect(subject).toContainText(kind, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('outbox.png'), fullPage: true });
  const text = (await subject.textContent()) ?? '';
  return text.trim().split(' ').pop() ?? '';
}

test('a new patient verifies the emailed code, read from the outbox page, and then books', async ({ page, browser }) => {
  const username = uniqueName('verify');
  const email = `${username}@example.com`;
  await page.goto('/register');
  await waitForHydration(page);
  await fillRegistration(page, username, 'Vera Fication');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?registered=1$/);
  await signIn(page, username, PASSWORD);
  await expect(page.getByRole('link', { name: 'Verify email' })).toBeVisible();

  // Booking is refused with a message that leads to verification.
  await pickFirstFreeTime(page);
  await expect(page.getByRole('alert')).toContainText('Please verify your email address first');

  const admin = await browser.newPage();
  const code = await codeFromOutbox(admin, email);
  expect(code).toMatch(/^\d{6}$/);

  await page.getByRole('link', { name: 'Verify email' }).click();
  await expect(page).toHaveURL(/\/verify$/);
  await waitForHydration(page);
  await expect(page.getByText(email)).toBeVisible();
  const wrong = (code[0] === '9' ? '0' : '9') + code.slice(1);
  await page.getByRole('textbox', { name: 'Code' }).fill(wrong);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('That code is not right');
  await expect(page.getByText('4 tries left for this code.')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('verify-wrong.png'), fullPage: true });
  await page.getByRole('textbox', { name: 'Code' }).fill(code);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('is verified');
  await page.screenshot({ path: test.info().outputPath('verified.png'), fullPage: true });

  await pickFirstFreeTime(page);
  await expect(page).toHaveURL(/\/book\/\d+$/);
  await waitForHydration(page);
  await page.getByLabel('Reason for the visit').fill('First check-up');
  // A new patient's wallet is empty: the fee is paid by card.
  await expect(page.getByLabel('By card')).toBeChecked();
  await page.getByLabel('Card number').fill('4242 4242 4242 4242');
  await page.getByLabel('Expiry (MM/YY)').fill('12/30');
  await page.getByLabel('Security code').fill('123');
  await page.getByLabel('Name on card').fill('New Patient');
  await page.getByTestId('book-button').click();
  await expect(page).toHaveURL(/\/appointments\?booked=\d+/);

  // The booking is under the patient's bell at once, and under the doctor's.
  await page.getByRole('link', { name: /^Notifications, 1 unread$/ }).click();
  await expect(page).toHaveURL(/\/notifications$/);
  await expect(page.locator('.notice.unread').first()).toContainText('Dr. Emily Davis');
  const doctor = await browser.newPage();
  await signIn(doctor, 'dr_davis', DEMO_PASSWORD);
  const bell = doctor.getByRole('link', { name: /^Notifications, \d+ unread$/ });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(doctor).toHaveURL(/\/notifications$/);
  await waitForHydration(doctor);
  const notice = doctor.locator('.notice', { hasText: 'Vera Fication' }).first();
  await expect(notice).toHaveClass(/unread/);
  await doctor.screenshot({ path: test.info().outputPath('notifications.png'), fullPage: true });
  await notice.getByRole('button', { name: 'Mark as read' }).click();
  await expect(doctor.locator('.notice', { hasText: 'Vera Fication' }).first()).not.toHaveClass(/unread/);
});

test('a patient changes their email address with a code sent to the new one', async ({ page, browser }) => {
  const username = uniqueName('move');
  const newEmail = `${username}.new@example.com`;
  await page.goto('/register');
  await waitForHydration(page);
  await fillRegistration(page, username, 'Nova Address');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?registered=1$/);
  await signIn(page, username, PASSWORD);
  await page.goto('/account');
  await waitForHydration(page);

  await page.getByLabel('New email').fill('not-an-address');
  await page.getByLabel('Your password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Send a code to the new address' }).click();
  await expect(page.locator('#email')).toContainText('Enter an email address like name@example.com.');
  await page.getByLabel('New email').fill(newEmail);
  await page.getByRole('button', { name: 'Send a code to the new address' }).click();
  await expect(page.getByText('We sent a 6-digit code to the new address')).toBeVisible();

  const admin = await browser.newPage();
  const code = await codeFromOutbox(admin, newEmail, 'code to confirm your new email address');
  expect(code).toMatch(/^\d{6}$/);
  await page.getByRole('textbox', { name: 'Code' }).fill(code);
  await page.getByRole('button', { name: 'Confirm new email' }).click();
  await expect(page.locator('#email .alert-success', { hasText: 'Your email address is now' })).toContainText(newEmail);
  await page.screenshot({ path: test.info().outputPath('email-changed.png'), fullPage: true });
});

test('a patient who forgot their password resets it with the emailed code', async ({ page, browser }) => {
  const username = uniqueName('forgot');
  const email = `${username}@example.com`;
  await page.goto('/register');
  await waitForHydration(page);
  await fillRegistration(page, username, 'Fergus Gott');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?registered=1$/);

  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await waitForHydration(page);
  await page.locator('#request-email').fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await expect(page.getByRole('status')).toContainText('If an account uses that address');

  const admin = await browser.newPage();
  const code = await codeFromOutbox(admin, email, 'password reset code');
  expect(code).toMatch(/^\d{6}$/);

  const newPassword = 'a fresh and long passphrase';
  await page.locator('#reset-email').fill(email);
  await page.locator('#reset-code').fill(code);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.screenshot({ path: test.info().outputPath('forgot.png'), fullPage: true });
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await expect(page.getByRole('status')).toContainText('Your password was changed');
  await signIn(page, username, newPassword);
});
