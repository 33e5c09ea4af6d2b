// Browser tests of the early warnings (预警): a regulator reads the queue across the marketplace
// and downloads it as Excel; the page fits a phone; the platform admin reads the rules. The
// warnings' levels and clearing are tested in Go with a controllable clock (the clock is never
// moved here: every browser test shares one server).
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
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

/** Opens the warning queue from the menu and returns the list the server answered with. */
async function openQueue(page) {
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/warnings', { timeout: 30_000 });
  await page.getByTestId('nav-warnings').click();
  const res = await answered;
  assert.equal(res.status(), 200);
  await page.getByTestId('warnings').waitFor();
  return res.json();
}

describe('early warnings', () => {
  test('a regulator reads the queue and downloads it as an Excel workbook', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'reg.zwfw');
      const list = await openQueue(page);
      await page.getByRole('heading', { name: '预警' }).waitFor();
      await page.getByTestId('warning-counts').waitFor();
      const rows = page.getByTestId('warnings').locator('.ant-table-row');
      if (list.items.length > 0) {
        await rows.first().waitFor();
        assert.equal(await rows.count(), Math.min(list.items.length, 20));
        await rows.first().getByText(list.items[0].title, { exact: true }).waitFor();
        await rows.first().locator(`[data-level=${list.items[0].level}]`).waitFor();
      } else {
        await page.getByText('暂无预警').waitFor();
      }
      await screenshot(page, 'warnings-queue');

      const download = page.waitForEvent('download', { timeout: 30_000 });
      await page.getByTestId('export-xlsx').click();
      const file = await download;
      assert.match(file.suggestedFilename(), /^warnings-\d{8}\.xlsx$/);
      const bytes = await readFile(await file.path());
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx is a ZIP container');
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('the queue fits a phone', async () => {
    const { page, context, assertClean } = await openPage(browser, { viewport: phone });
    try {
      await signIn(page, 'reg.zwfw');
      await page.goto('/workspace/warnings');
      await page.getByTestId('warnings').waitFor();
      await page.getByTestId('warning-counts').waitFor();
      await assertNoHorizontalOverflow(page, 'the warning queue');
      await screenshot(page, 'warnings-queue-phone');
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('the platform admin reads the five rules', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'admin');
      await page.getByTestId('nav-warningRules').click();
      const rules = page.getByTestId('warning-rules').locator('.ant-table-row');
      await rules.nth(4).waitFor();
      assert.equal(await rules.count(), 5);
      await page.getByText('合同未按时登记').waitFor();
      await screenshot(page, 'warning-rules');
      assertClean();
    } finally {
      await context.close();
    }
  });
});
