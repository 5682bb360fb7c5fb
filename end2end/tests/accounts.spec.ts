import { expect, test } from '@playwright/test';
import {
  DEMO_PASSWORD,
  PASSWORD,
  fillRegistration,
  signIn,
  signOut,
  uniqueName,
  waitForHydration,
} from './helpers';

test('a button reacts after hydration', async ({ page }) => {
  await page.goto('/login');
  await waitForHydration(page);
  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(password).toHaveAttribute('type', 'text');
  await expect(page.getByRole('button', { name: 'Hide' })).toHaveAttribute('aria-pressed', 'true');
  // The demo server says so on every page, before and after hydration.
  await expect(page.getByTestId('demo-banner')).toContainText('Demo clinic — simulated payments');
});

test('a patient registers, signs in, sees their landing page and signs out', async ({ page }) => {
  const username = uniqueName('pat');
  await page.goto('/register');
  await waitForHydration(page);
  await fillRegistration(page, username, 'Patricia Example');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(/\/login\?registered=1$/);
  await expect(page.getByRole('status')).toContainText('Your account was created');

  await signIn(page, username, PASSWORD);
  await expect(page.getByTestId('landing-heading')).toHaveText('Welcome, Patricia');
  await expect(page.getByText(`${username}@example.com`)).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('Patient');
  await page.screenshot({ path: test.info().outputPath('patient-landing.png'), fullPage: true });

  await signOut(page);
  await page.goto('/account');
  await expect(page.getByText('to see your account')).toBeVisible();
});

test('bad registration input gets a message at each field', async ({ page }) => {
  await page.goto('/register');
  await waitForHydration(page);
  await fillRegistration(page, uniqueName('bad'), 'Bad Input');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password', { exact: true }).fill('password123');
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page.locator('#email-error')).toHaveText('Enter an email address like name@example.com.');
  await expect(page.locator('#password-error')).toContainText('too common');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/register$/);

  await page.getByLabel('Username').fill('dr_smith');
  await page.getByLabel('Email').fill('fresh@example.com');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#username-error')).toHaveText('This username is already taken.');
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByLabel('Username or email').fill('alice');
  await page.getByLabel('Password', { exact: true }).fill('definitely not it');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The username/email or password is incorrect.');
});

test('a new doctor is invisible to patients until an admin verifies them', async ({ page }) => {
  const username = uniqueName('doc');
  await page.goto('/register/doctor');
  await waitForHydration(page);
  await fillRegistration(page, username, 'Dr. Quinn Medic');
  await page.getByLabel('Specialty').selectOption({ label: 'Neurology' });
  await page.getByLabel('Licence number').fill(`LIC-${Date.now()}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?registered=1$/);

  await signIn(page, username, PASSWORD);
  await expect(page.getByTestId('verification-status')).toContainText('Awaiting verification');
  await signOut(page);

  await page.goto('/doctors');
  await expect(page.getByTestId('doctor-list')).toContainText('Dr. John Smith');
  await expect(page.getByTestId('doctor-list')).not.toContainText('Dr. Quinn Medic');

  await signIn(page, 'admin', DEMO_PASSWORD);
  await expect(page.getByTestId('pending-doctors')).toContainText('waiting for verification');
  await page.goto('/admin/users?show=unverified');
  await waitForHydration(page);
  const row = page.locator(`tr[data-username="${username}"]`);
  await expect(row).toContainText('Awaiting verification');
  await page.screenshot({ path: test.info().outputPath('admin-users.png'), fullPage: true });
  await row.getByRole('button', { name: 'Verify' }).click();
  await expect(row).toHaveCount(0);
  await signOut(page);

  await page.goto('/doctors');
  await expect(page.getByTestId('doctor-list')).toContainText('Dr. Quinn Medic');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('forms work before the wasm loads: register, bad input, sign in, sign out', async ({ page }) => {
    const username = uniqueName('nojs');
    await page.goto('/register');
    await fillRegistration(page, username, 'Nora Script');
    await page.getByLabel('Email').fill('broken');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.locator('#email-error')).toHaveText('Enter an email address like name@example.com.');

    await fillRegistration(page, username, 'Nora Script');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/login\?registered=1$/);

    await page.getByLabel('Username or email').fill(username);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('landing-heading')).toHaveText('Welcome, Nora');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
  });
});

test('a patient closes their account: the password and the box are asked for, then it is gone', async ({ page }) => {
  const username = uniqueName('leaver');
  await page.goto('/register');
  await waitForHydration(page);
  await fillRegistration(page, username, 'Lena Leaving');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/login\?registered=1$/);
  await signIn(page, username, PASSWORD);
  await page.goto('/account');
  await waitForHydration(page);
  const card = page.locator('.danger-zone');
  await card.getByLabel('Password to confirm').fill('not my password');
  await card.getByRole('button', { name: 'Close my account' }).click();
  await expect(card.locator('#understood-error')).toContainText('Tick the box to confirm.');
  await card.getByRole('checkbox').check();
  await card.getByRole('button', { name: 'Close my account' }).click();
  await expect(card.locator('#password-error')).toContainText('This is not correct.');
  await card.screenshot({ path: test.info().outputPath('close-account-refused.png') });
  await card.getByLabel('Password to confirm').fill(PASSWORD);
  await card.getByRole('button', { name: 'Close my account' }).click();
  await expect(page).toHaveURL(/account_closed=1/);
  await expect(page.getByRole('status')).toContainText('Your account is closed');
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByLabel('Username or email').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
});
