import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn, waitForHydration } from './helpers';

test.use({ timezoneId: 'America/New_York' });

test('a patient searches the directory by specialty words and place, with and without the wasm', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/doctors');
  await waitForHydration(page);
  await page.getByLabel('Search').fill('cardio');
  await page.getByLabel('Division').selectOption({ label: 'Dhaka · ঢাকা' });
  // Once hydrated, the district level appears without a submit.
  await expect(page.getByLabel('District')).toBeVisible();
  await page.getByLabel('District').selectOption({ label: 'Dhaka · ঢাকা' });
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=cardio/);
  const list = page.getByTestId('doctor-list');
  await expect(list).toContainText('Dr. John Smith');
  await expect(list).toContainText('Dhanmondi, Dhaka');
  await expect(page.getByTestId('result-count')).toContainText('1 doctor');
  await page.screenshot({ path: test.info().outputPath('directory-desktop.png'), fullPage: true });

  // Nothing found: say so and offer the search without its narrowest filter.
  await page.goto('/doctors?q=cardio&language=ja');
  await waitForHydration(page);
  await expect(page.getByTestId('no-results')).toContainText('No doctor matches all of these filters.');
  await page.getByTestId('wider-search').click();
  await expect(page).toHaveURL(/\/doctors\?q=cardio$/);
  await expect(page.getByTestId('doctor-list')).toContainText('Cardiology');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/doctors?q=dr&sort=fee');
  await waitForHydration(page);
  await page.screenshot({ path: test.info().outputPath('directory-phone.png'), fullPage: true });
  await page.getByRole('link', { name: 'Dr. John Smith' }).click();
  await expect(page.getByRole('heading', { name: 'Reviews' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the directory works before any script runs', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/doctors');
  await page.getByLabel('Search').fill('smith');
  await page.getByLabel('Division').selectOption({ label: 'Dhaka · ঢাকা' });
  await page.getByRole('button', { name: 'Search' }).click();
  // The server answers the GET form, and offers the next level of the place to choose.
  await expect(page.getByTestId('doctor-list')).toContainText('Dr. John Smith');
  await expect(page.getByLabel('District')).toBeVisible();
  await context.close();
});

test('a patient edits their details, and a refused save keeps what they typed', async ({ browser }) => {
  const patient = await (await browser.newContext()).newPage();
  await signIn(patient, 'carol', DEMO_PASSWORD);
  await patient.goto('/account');
  await waitForHydration(patient);
  const details = patient.locator('section', { has: patient.getByRole('heading', { name: 'Your details' }) });
  await details.getByLabel('Blood group').selectOption('AB-');
  await details.getByLabel('Division').selectOption({ label: 'Sylhet · সিলেট' });
  await details.getByLabel('District').selectOption({ label: 'Sylhet · সিলেট' });
  await details.getByLabel('Allergies').fill('Latex');
  await details.getByLabel('Phone').first().fill('12');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.locator('#phone-error')).toContainText('phone number');
  await expect(details.getByLabel('Blood group')).toHaveValue('AB-');
  await expect(details.getByLabel('District')).toHaveValue(/\d+/);
  await details.getByLabel('Phone').first().fill('+880 1711 223344');
  await details.getByRole('button', { name: 'Save details' }).click();
  await expect(details.getByRole('status')).toContainText('saved');
  await patient.screenshot({ path: test.info().outputPath('account-patient.png'), fullPage: true });
  await patient.reload();
  await waitForHydration(patient);
  await expect(details.getByLabel('Blood group')).toHaveValue('AB-');
  await expect(details.getByLabel('District')).toHaveValue(/\d+/);
});
