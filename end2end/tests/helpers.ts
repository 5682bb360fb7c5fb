import { expect, type Browser, type Page, test } from '@playwright/test';

/** Password of every seeded demo account (Leptos.toml `seed.demo_password`). */
export const DEMO_PASSWORD = 'medibook-demo-2026';
export const PASSWORD = 'a long and unusual passphrase';

/** A username nobody has used in this run. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
}

/** Waits until the wasm has hydrated the page (the app sets `data-hydrated` on <body>). */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
}

/** Signs in through the form and waits for the landing page. */
export async function signIn(page: Page, login: string, password: string): Promise<void> {
  await page.goto('/login');
  await waitForHydration(page);
  await page.getByLabel('Username or email').fill(login);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('landing-heading')).toBeVisible();
}

/** Signs out with the header button. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
  await waitForHydration(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
}

/** Fills the registration form shared by patients and doctors. */
export async function fillRegistration(page: Page, username: string, fullName: string): Promise<void> {
  await page.getByLabel('Full name').fill(fullName);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Phone').fill('+1 555 222 3344');
  await page.getByLabel('Date of birth').fill('1991-03-14');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
}

/** Screenshots the page at desktop width, then at a phone's (390 × 844), into the test's output. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: test.info().outputPath(`${name}-desktop.png`), fullPage: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath(`${name}-phone.png`), fullPage: true });
  if (size) await page.setViewportSize(size);
}

/** A page in a context of its own (its own cookies), in Dhaka's time zone. */
export async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'Asia/Dhaka' });
  return context.newPage();
}
