import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEMO_PASSWORD, shoot, waitForHydration } from './helpers';

// Issue 16: the directory pages through its results, 20 a page, with the filters and the sort
// kept in the page links. The demo clinic has five doctors, so this spec adds 25 with the
// server's own `medibook seed --doctors 30` (on the running server's database), and takes them
// out of the directory again through the API when it is done, for the specs after it.

const root = path.resolve(__dirname, '../..');
const serverBin =
  process.env.MEDIBOOK_SERVER_BIN ??
  path.join(process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), '.cache/medibook/target'), 'release/medibook');

/** The fees on the cards shown, in order (from "$60.00" to 6000 cents). */
async function fees(page: import('@playwright/test').Page): Promise<number[]> {
  const texts = await page.getByTestId('doctor-list').locator('li').allInnerTexts();
  return texts.map((t) => {
    const match = t.match(/\$([\d,]+)\.(\d\d)/);
    if (!match) throw new Error(`no fee on a card: ${t}`);
    return Number(match[1].replace(/,/g, '')) * 100 + Number(match[2]);
  });
}

test('a patient pages through thirty doctors sorted by fee, filters and sort kept', async ({ page, request }) => {
  execFileSync(serverBin, ['seed', '--doctors', '30'], {
    cwd: root,
    env: {
      ...process.env,
      MEDIBOOK_CONFIG: path.join(root, 'Leptos.toml'),
      MEDIBOOK_DATABASE_PATH: path.join(process.env.MEDIBOOK_E2E_DIR ?? '', 'e2e.db'),
      MEDIBOOK_SITE_MODE: 'demo',
      MEDIBOOK_LOG_FILTER: 'warn',
    },
    stdio: 'pipe',
  });
  try {
    await page.goto('/doctors?sort=fee&language=en');
    await waitForHydration(page);
    await expect(page.getByTestId('result-count')).toContainText('30 doctors');
    const pager = page.getByRole('navigation', { name: 'Pages' });
    await expect(pager.locator('[aria-current="page"]')).toHaveText('1');
    const first = await fees(page);
    expect(first).toHaveLength(20);
    expect([...first].sort((a, b) => a - b)).toEqual(first);
    await shoot(page, 'directory-page-1');

    await pager.getByRole('link', { name: 'Next →' }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page).toHaveURL(/sort=fee/);
    await expect(page).toHaveURL(/language=en/);
    await expect(pager.locator('[aria-current="page"]')).toHaveText('2');
    const second = await fees(page);
    expect(second).toHaveLength(10);
    expect([...second].sort((a, b) => a - b)).toEqual(second);
    expect(second[0]).toBeGreaterThanOrEqual(first[first.length - 1]);
    await expect(pager.getByRole('link', { name: 'Next →' })).toHaveCount(0);
    await shoot(page, 'directory-page-2');
    await pager.getByRole('link', { name: '← Previous' }).click();
    await expect(pager.locator('[aria-current="page"]')).toHaveText('1');
    expect(await fees(page)).toEqual(first);
  } finally {
    // Out of the directory again (deactivated through the API, so the server's caches know).
    const signIn = await request.post('/api/v1/tokens', { data: { login: 'admin', password: DEMO_PASSWORD } });
    const token = (await signIn.json()).access_token as string;
    const auth = { Authorization: `Bearer ${token}` };
    const doctors = await (await request.get('/api/v1/users?show=doctor&search=dr_0', { headers: auth })).json();
    for (const doctor of doctors as { id: number; username: string }[]) {
      if (!/^dr_0\d\d$/.test(doctor.username) || Number(doctor.username.slice(3)) <= 5) continue;
      const done = await request.post(`/api/v1/users/${doctor.id}/activity`, { headers: auth, data: { active: false } });
      expect(done.status()).toBe(204);
    }
  }
  await page.goto('/doctors?sort=fee&language=en&after=paging');
  await expect(page.getByTestId('result-count')).toContainText('5 doctors');
});
