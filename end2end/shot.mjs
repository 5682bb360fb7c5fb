// Ad-hoc screenshots: node shot.mjs <url> <name> [width]
import { chromium } from '@playwright/test';
const [url, name, width] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: Number(width ?? 1280), height: 900 } });
const errors = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
page.on('pageerror', (e) => errors.push(String(e)));
await page.goto(url);
await page.waitForTimeout(1500);
await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
console.log(JSON.stringify({ title: await page.title(), errors }));
await browser.close();
