import { expect, test } from '@playwright/test';
import { shoot, signOut, uniqueName, waitForHydration } from './helpers';

// The OpenID Connect provider is end2end/oidc/provider.mjs (oidc-provider), started beside the
// server by playwright.config.ts; the server is configured with it as "Test ID".

async function signInAtProvider(page: import('@playwright/test').Page, email: string, name: string) {
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Continue with Test ID' }).click();
  await expect(page.getByRole('heading', { name: 'Test ID' })).toBeVisible();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a new patient signs up with the provider, then comes back with one click', async ({ page }) => {
  const username = uniqueName('oidc');
  const email = `${username}@example.test`;
  await page.goto('/login');
  await waitForHydration(page);
  await shoot(page, 'login-with-provider');

  await signInAtProvider(page, email, 'Omar Provider');
  await expect(page).toHaveURL(/\/sign-in\/provider$/);
  await expect(page.getByRole('heading', { name: 'Create your patient account' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expect(page.getByLabel('Full name')).toHaveValue('Omar Provider');
  await waitForHydration(page);

  // Bad input first: each field says what is wrong, nothing is created.
  await page.getByLabel('Username').fill('x');
  await page.getByLabel('Phone').fill('12');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.locator('#username-error')).not.toBeEmpty();
  await expect(page.locator('#phone-error')).not.toBeEmpty();
  await shoot(page, 'provider-account-step-errors');

  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Phone').fill('+1 555 222 7788');
  await page.getByLabel('Date of birth').fill('1990-07-21');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('landing-heading')).toHaveText('Welcome, Omar');
  await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('Patient');
  await shoot(page, 'provider-signed-up');

  // Signed out, the same provider account signs straight in (the provider remembers the
  // browser, so no form there either).
  await signOut(page);
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Continue with Test ID' }).click();
  await expect(page.getByTestId('landing-heading')).toHaveText('Welcome, Omar');
});

test('an address the provider does not vouch for is refused on the sign-in page', async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signInAtProvider(page, `unverified.${uniqueName('u')}@example.test`, 'Una Verified');
  await expect(page).toHaveURL(/\/login\?provider_error=email_unverified$/);
  await expect(page.getByRole('alert')).toContainText('has not verified your email address');
  await shoot(page, 'provider-refused');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
});
