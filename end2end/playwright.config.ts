import { defineConfig } from '@playwright/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Starts the release server binary on a fresh database (seeded with the demo data) and drives
// it with Debian's Chromium. Nothing is downloaded: `npx playwright install` is never needed.
const root = path.resolve(__dirname, '..');
const port = Number(process.env.E2E_PORT ?? 3137);
const baseURL = `http://127.0.0.1:${port}`;
// Made once by the main process; its workers (which load this file again) reuse it, so specs
// can reach the server's database (story.spec.ts lets a visit's time come).
const dataDir = process.env.MEDIBOOK_E2E_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'medibook-e2e-'));
process.env.MEDIBOOK_E2E_DIR = dataDir;
// The OpenID Connect provider (end2end/oidc/provider.mjs) the server offers as "Test ID".
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 3138);
const oidcIssuer = `http://127.0.0.1:${oidcPort}`;
const serverBin =
  process.env.MEDIBOOK_SERVER_BIN ??
  path.join(process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), '.cache/medibook/target'), 'release/medibook');

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: path.join(dataDir, 'results'),
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        headless: true,
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: [
  {
    command: 'node oidc/provider.mjs',
    cwd: __dirname,
    url: `${oidcIssuer}/.well-known/openid-configuration`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { OIDC_PORT: String(oidcPort), OIDC_REDIRECT_URIS: `${baseURL}/auth/oidc/callback` },
  },
  {
    command: `"${serverBin}" serve`,
    cwd: root,
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      MEDIBOOK_CONFIG: path.join(root, 'Leptos.toml'),
      MEDIBOOK_SITE_ADDRESS: `127.0.0.1:${port}`,
      MEDIBOOK_SITE_ROOT: path.join(root, 'target/site'),
      MEDIBOOK_DATABASE_PATH: path.join(dataDir, 'e2e.db'),
      MEDIBOOK_SITE_MODE: 'demo',
      MEDIBOOK_SEED_ON_FIRST_START: 'true',
      MEDIBOOK_LOG_FILTER: 'warn',
      // Every test signs in from 127.0.0.1: the per-address allowance is for real clients.
      MEDIBOOK_LIMITS_SIGN_IN_PER_ADDRESS_PER_MINUTE: '1000',
      MEDIBOOK_LIMITS_CODES_PER_ADDRESS_PER_HOUR: '1000',
      // calendar.spec.ts connects the doctor's calendar on a Radicale server on loopback.
      MEDIBOOK_CALENDAR_ALLOW_PRIVATE_ADDRESSES: 'true',
      MEDIBOOK_CALENDAR_SECRET_KEY: '5e'.repeat(32),
      // Links and the provider's redirect URI name this server.
      MEDIBOOK_MAIL_SITE_URL: baseURL,
      MEDIBOOK_OIDC_ISSUER: oidcIssuer,
      MEDIBOOK_OIDC_CLIENT_ID: 'medibook',
      MEDIBOOK_OIDC_CLIENT_SECRET: 'medibook-test-secret',
      MEDIBOOK_OIDC_BUTTON_LABEL: 'Test ID',
    },
  },
  ],
});
