import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, freshPage, shoot, signIn, waitForHydration } from './helpers';

// Issue 17, part 6: what a patient may turn off, wallet credit back to a card, and the admins'
// specialty list. Screenshots at desktop and phone width go to the test's output.

test('a patient turns review invitations off, then sends credit back to the card it came from', async ({ browser }) => {
  const page = await freshPage(browser);
  await signIn(page, 'bob', DEMO_PASSWORD);
  await page.goto('/account');
  await waitForHydration(page);
  const mail = page.locator('section', { has: page.getByRole('heading', { name: 'Emails you receive' }) });
  await expect(mail.getByLabel('Reminders before a visit')).toBeChecked();
  await mail.getByLabel('After a visit, an invitation to review it').uncheck();
  await mail.getByRole('button', { name: 'Save email choices' }).click();
  await expect(mail.getByRole('status')).toContainText('Your email choices were saved.');
  await page.reload();
  await waitForHydration(page);
  await expect(mail.getByLabel('After a visit, an invitation to review it')).not.toBeChecked();
  await expect(mail.getByLabel('Reminders before a visit')).toBeChecked();
  await shoot(page, 'account-mail-choices');

  await page.goto('/wallet');
  await waitForHydration(page);
  const refund = page.getByTestId('card-refund');
  await expect(refund).toContainText('You have none to send back');
  const form = page.getByTestId('deposit-form');
  await form.getByLabel('Amount').fill('40');
  await form.getByLabel('Card number').fill('4242 4242 4242 4242');
  await form.getByLabel('Expiry (MM/YY)').fill('12/30');
  await form.getByLabel('Security code').fill('123');
  await form.getByLabel('Name on card').fill('Bob Lee');
  await page.getByTestId('deposit-button').click();
  await expect(page.getByTestId('deposit-done')).toContainText('$40.00 added to your wallet');
  await expect(refund.getByLabel('Card')).toContainText('•••• 4242 · deposit of $40.00');
  const before = (await page.getByTestId('balance-USD').textContent()) ?? '';
  // More than the deposit is refused at the field, with nothing sent.
  await refund.getByLabel('Amount').fill('40.01');
  await page.getByTestId('card-refund-button').click();
  await expect(refund.locator('#refund_amount-error')).toContainText('more than can go back to this card');
  await expect(page.getByTestId('balance-USD')).toHaveText(before);
  await refund.getByLabel('Amount').fill('15');
  await page.getByTestId('card-refund-button').click();
  await expect(page.getByTestId('card-refund-done')).toContainText('$15.00 is on its way back to your card •••• 4242');
  const history = page.getByTestId('wallet-history');
  await expect(history.locator('tr[data-kind="withdrawal"]').first()).toContainText('Sent back to your card');
  await expect(history.locator('tr[data-kind="withdrawal"]').first()).toContainText('-$15.00');
  await expect(refund.getByLabel('Card')).toContainText('up to $25.00');
  await shoot(page, 'wallet-card-refund');
  await page.context().close();
});

test('an admin adds, renames and retires a specialty; a new doctor cannot choose a retired one', async ({ browser }) => {
  const admin = await freshPage(browser);
  await signIn(admin, 'admin', DEMO_PASSWORD);
  await admin.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Specialties' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Specialties' })).toBeVisible();
  await waitForHydration(admin);
  const name = `Sleep medicine ${Date.now().toString(36)}`;
  await admin.getByLabel('Name', { exact: true }).fill('X');
  await admin.getByRole('button', { name: 'Add specialty' }).click();
  await expect(admin.locator('#specialty-error')).toContainText('at least 2 characters');
  await admin.getByLabel('Name', { exact: true }).fill(name);
  await admin.getByRole('button', { name: 'Add specialty' }).click();
  const row = admin.locator(`tr[data-specialty="${name}"]`);
  await expect(row).toContainText('Offered');
  await admin.getByLabel('Name', { exact: true }).fill(name.toUpperCase());
  await admin.getByRole('button', { name: 'Add specialty' }).click();
  await expect(admin.locator('#specialty-error')).toContainText('already exists');

  const renamed = `${name} (adults)`;
  await row.getByLabel(`New name for ${name}`).fill(renamed);
  await row.getByRole('button', { name: 'Rename' }).click();
  const renamedRow = admin.locator(`tr[data-specialty="${renamed}"]`);
  await expect(renamedRow).toBeVisible();
  await renamedRow.getByRole('button', { name: 'Retire' }).click();
  await expect(renamedRow.locator('.status-cell')).toHaveText('Retired');
  await shoot(admin, 'admin-specialties');

  const visitor = await freshPage(browser);
  await visitor.goto('/register/doctor');
  await waitForHydration(visitor);
  await expect(visitor.getByLabel('Specialty').locator('option', { hasText: renamed })).toHaveCount(0);
  await expect(visitor.getByLabel('Specialty').locator('option', { hasText: 'Cardiology' })).toHaveCount(1);

  await renamedRow.getByRole('button', { name: 'Offer again' }).click();
  await expect(renamedRow.locator('.status-cell')).toHaveText('Offered');
  await visitor.reload();
  await waitForHydration(visitor);
  await expect(visitor.getByLabel('Specialty').locator('option', { hasText: renamed })).toHaveCount(1);
  await admin.context().close();
  await visitor.context().close();
});
