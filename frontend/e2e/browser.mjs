// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core.
// Never a downloaded browser: the build machines reach no browser CDN.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const baseURL = process.env.INTERMART_E2E_URL?.replace(/\/+$/, '');
if (!baseURL) {
  throw new Error('INTERMART_E2E_URL is not set: start the server (make test does) and point this at it');
}

export const screenshotDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
mkdirSync(screenshotDir, { recursive: true });

export const demoPassword = 'Intermart@2026';

const chromiumArgs = [
  '--no-sandbox', // we run as root in CI
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium headless. playwright-core's launch() gives it a fresh temporary profile
 * (its own --user-data-dir, removed on close); the flags keep it from calling home, which
 * would only time out on machines without internet.
 *
 * A launch on a loaded machine now and then fails (Chromium exits before it answers on its
 * pipe); that says nothing about the product, and a test file whose `before` hook fails
 * reports every test as cancelled without the reason. So a failed launch is logged and
 * tried again, up to three times.
 */
export async function launchBrowser() {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        headless: true,
        timeout: 60_000,
        args: chromiumArgs,
      });
    } catch (error) {
      console.error(`Chromium did not start (attempt ${attempt} of ${attempts}): ${error.message}`);
      if (attempt === attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000 * attempt));
    }
  }
}

/**
 * A page in its own context (own cookies and storage), collecting script errors and CSP
 * violations. Call `assertClean()` at the end of a test. `viewport` defaults to a desktop.
 */
export async function openPage(browser, { viewport = { width: 1366, height: 860 } } = {}) {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // Expected 401/4xx responses (anonymous session check, wrong password) are logged by
    // Chromium as resource errors; they are not bugs.
    if (text.startsWith('Failed to load resource')) return;
    problems.push(`console error: ${text}`);
  });
  return {
    page,
    context,
    assertClean() {
      if (problems.length > 0) throw new Error(`the page reported problems:\n${problems.join('\n')}`);
    },
  };
}

/**
 * Signs in with the demo password and waits for the workspace, switching it to Chinese if the
 * account's last language was English (the tests' labels are Chinese).
 */
export async function signIn(page, username) {
  await page.goto('/signin');
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(demoPassword);
  await page.getByTestId('signin-submit').click();
  await page.waitForURL((url) => url.pathname === '/workspace');
  if ((await page.locator('html').getAttribute('lang')) !== 'zh-CN') {
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  }
}

/** Picks an option of the antd Select labelled `label` inside `scope`, typing `search` first. */
export async function choose(page, scope, label, option, search = option) {
  // antd puts an aria-label on both the select and its input; the input is what takes text.
  const box = scope.getByLabel(label, { exact: true }).and(page.locator('input'));
  await box.click();
  if (search) await box.fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

/** Waits for the API response to `method` on a path matching `pathPattern`, returning it. */
export function apiResponse(page, method, pathPattern) {
  return page.waitForResponse((r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname));
}

export async function screenshot(page, name) {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/**
 * GB 32100-2015 check character, to make valid credit codes for sign-up tests. Written out
 * again rather than imported from src/ (TypeScript), which plain node cannot load.
 */
export function creditCodeCheckChar(first17) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let sum = 0;
  let weight = 1;
  for (const ch of first17) {
    sum += alphabet.indexOf(ch) * weight;
    weight = (weight * 3) % 31;
  }
  return alphabet[(31 - (sum % 31)) % 31];
}

/**
 * Clicks button until the request it causes (method, a path matching path) has left the page, up
 * to three times. On a loaded machine a dialog's first click can land before its form is ready,
 * and then nothing is sent; a test that waited for the answer would wait in vain.
 */
export async function clickUntilSent(page, button, method, path) {
  for (let attempt = 1; ; attempt++) {
    const sent = page.waitForRequest((req) => req.method() === method && path.test(new URL(req.url()).pathname), {
      timeout: 10_000,
    });
    await button.click();
    try {
      await sent;
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
    }
  }
}
