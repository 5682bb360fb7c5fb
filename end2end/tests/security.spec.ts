import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn, waitForHydration } from './helpers';

test('pages hydrate under the nonce CSP with no violation, and are never cached', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  for (const path of ['/', '/login', '/doctors']) {
    const response = await page.goto(path);
    expect(response?.headers()['cache-control']).toBe('no-store');
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=_-]+' 'wasm-unsafe-eval'/);
    expect(policy).not.toContain("'unsafe-inline' 'wasm");
    await waitForHydration(page);
  }
  expect(violations).toEqual([]);
});

test('sign out everywhere ends the session on every device', async ({ browser }) => {
  const laptop = await browser.newContext();
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const onLaptop = await laptop.newPage();
  const onPhone = await phone.newPage();
  for (const page of [onLaptop, onPhone]) {
    await page.goto('/login');
    await waitForHydration(page);
    await signIn(page, 'carol', DEMO_PASSWORD);
  }
  await onPhone.goto('/account');
  await waitForHydration(onPhone);
  await expect(onPhone.getByTestId('sign-out-everywhere')).toBeVisible();
  await onPhone.screenshot({ path: test.info().outputPath('account-phone.png'), fullPage: true });
  await onLaptop.goto('/account');
  await waitForHydration(onLaptop);
  await onLaptop.screenshot({ path: test.info().outputPath('account-desktop.png'), fullPage: true });

  await onPhone.getByTestId('sign-out-everywhere').click();
  await expect(onPhone).toHaveURL(/\/login\?signed_out_everywhere=1$/);
  await expect(onPhone.getByRole('status')).toContainText('Every session of your account has ended');
  await onLaptop.reload();
  await expect(onLaptop.getByText('to see your account')).toBeVisible();
  await laptop.close();
  await phone.close();
});
