// Browser test of the list exports: an owner downloads its contract list as Excel from the
// contracts page and opens it (only its own contracts, headed in Chinese); a regulator downloads
// the performance view as CSV; the export buttons fit a phone on the contracts, announcements
// and complaints pages.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, openPage, screenshot, signIn } from './browser.mjs';
import { assertNoHorizontalOverflow, phone } from './layout.mjs';
import { readFirstSheet } from './xlsx.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("an owner's contracts as Excel, a regulator's performance view as CSV", async () => {
  const { page, context, assertClean } = await openPage(browser);
  try {
    await signIn(page, 'owner');
    await page.goto('/workspace/contracts');
    await page.getByTestId('contracts').locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByTestId('contracts-export-xlsx').click(),
    ]);
    assert.match(download.suggestedFilename(), /^contracts-\d{8}\.xlsx$/);
    const sheet = readFirstSheet(await readFile(await download.path()));
    assert.equal(sheet.rows[0][0], '合同编号');
    assert.ok(sheet.rows.length > 1, 'the owner has contracts to export');
    // Only the owner's own: every exported contract is in its list (read after the download:
    // contracts are never removed, while other tests may add some).
    const list = await (await page.request.get('/api/v1/contracts')).json();
    const mine = new Set(list.items.map((c) => c.code));
    for (const row of sheet.rows.slice(1)) assert.ok(mine.has(row[0]), `${row[0]} is the owner's contract`);
    assertClean();
  } finally {
    await context.close();
  }

  const reg = await openPage(browser);
  try {
    await signIn(reg.page, 'reg.zwfw');
    await reg.page.goto('/workspace/performance');
    const [download] = await Promise.all([
      reg.page.waitForEvent('download', { timeout: 60_000 }),
      reg.page.getByTestId('performance-export-csv').click(),
    ]);
    assert.match(download.suggestedFilename(), /^performance-\d{8}\.csv$/);
    const text = (await readFile(await download.path())).toString('utf8');
    assert.ok(text.startsWith('\uFEFF合同编号,'), `a CSV headed in Chinese: ${text.slice(0, 80)}`);
    assert.ok(text.trim().split('\n').length > 1, 'the performance view has contracts');
    reg.assertClean();
  } finally {
    await reg.context.close();
  }
});

test('the export buttons fit a phone', async () => {
  const { page, context, assertClean } = await openPage(browser, { viewport: phone });
  try {
    await signIn(page, 'owner');
    for (const [path, id] of [
      ['/workspace/contracts', 'contracts-export'],
      ['/workspace/announcements', 'announcements-export'],
      ['/workspace/complaints', 'complaints-export'],
    ]) {
      await page.goto(path);
      await page.getByTestId(`${id}-xlsx`).waitFor();
      await page.getByTestId(`${id}-csv`).waitFor();
      await assertNoHorizontalOverflow(page, path);
      await screenshot(page, `exports-phone-${id}`);
    }
    assertClean();
  } finally {
    await context.close();
  }
});
