import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, shoot } from './helpers';

// The REST API's reference page: Swagger UI from our own files under the site's CSP, reading
// the served document; and a token from the API used against it like a mobile app would.
test('the API reference renders every operation from our own files, with no CSP violation', async ({ page, request }) => {
  const problems: string[] = [];
  const urls: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('request', (req) => urls.push(req.url()));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  await page.goto('/api/docs');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('MediBook API');
  await expect(page.locator('.opblock-summary-path', { hasText: '/api/v1/holds/{id}/booking' })).toBeVisible();
  await expect(page.locator('#error-token_invalid')).toContainText('401');
  await shoot(page, 'api-docs');
  expect(problems).toEqual([]);
  const origin = new URL(page.url()).origin;
  expect(urls.filter((u) => !u.startsWith(origin) && !u.startsWith('data:'))).toEqual([]);

  const signIn = await request.post('/api/v1/tokens', { data: { login: 'alice', password: DEMO_PASSWORD } });
  expect(signIn.status()).toBe(201);
  const { access_token: token } = await signIn.json();
  const me = await request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
  expect((await me.json()).username).toBe('alice');
});
