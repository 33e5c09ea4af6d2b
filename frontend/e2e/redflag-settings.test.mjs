// Browser tests of the red flag thresholds (风险提示阈值): the platform admin opens them from the
// menu, a value out of range is refused with a translated field error and nothing stored, and the
// page fits a phone. The thresholds are never changed here (every browser test shares one
// server); their effect on the rules is tested in Go (TestRedFlagSettings).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, screenshot, signIn } from './browser.mjs';
import { assertNoHorizontalOverflow, phone } from './layout.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('the platform admin reads the thresholds; a value out of range is a field error, nothing stored', async () => {
  const { page, context, assertClean } = await openPage(browser);
  try {
    await signIn(page, 'admin');
    const loaded = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/supervision/red-flag-settings' && r.request().method() === 'GET',
      { timeout: 30_000 },
    );
    await page.getByTestId('nav-redFlagSettings').click();
    const before = await (await loaded).json();
    await page.getByRole('heading', { name: '风险提示阈值' }).waitFor();
    await page.waitForFunction(() => document.title.includes('风险提示阈值'));
    const near = page.getByLabel('接近最高限价：成交价占比（%）');
    await page.waitForFunction((el) => el.value !== '', await near.elementHandle(), { timeout: 30_000 });
    assert.equal(await near.inputValue(), String(before.nearCeilingPercent));
    // No browser test changes them, so the page says they are the defaults rather than a time.
    assert.equal(before.updatedBy, undefined);
    await page.getByText('现行阈值为系统默认值，尚未修改。').waitFor();

    await near.fill('101');
    const refused = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/v1/supervision/red-flag-settings' && r.request().method() === 'PUT',
      { timeout: 30_000 },
    );
    await page.getByTestId('red-flag-settings-save').click();
    assert.equal((await refused).status(), 422);
    await page.getByText('数值超出允许范围').waitFor();
    await screenshot(page, 'red-flag-settings-error');

    const after = await page.request.get('/api/v1/supervision/red-flag-settings');
    assert.equal(after.status(), 200);
    assert.deepEqual(await after.json(), before, 'the refused change stored nothing');
    assertClean();
  } finally {
    await context.close();
  }
});

test('the thresholds page fits a phone', async () => {
  const { page, context, assertClean } = await openPage(browser, { viewport: phone });
  try {
    await signIn(page, 'admin');
    await page.goto('/workspace/admin/red-flag-settings');
    await page.getByTestId('red-flag-settings-form').waitFor({ timeout: 30_000 });
    await page.getByLabel('疑似拆分：最少次数').waitFor();
    await assertNoHorizontalOverflow(page, 'red flag thresholds on a phone');
    await screenshot(page, 'red-flag-settings-phone');
    assertClean();
  } finally {
    await context.close();
  }
});
