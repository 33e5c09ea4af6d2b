// Browser test of the regulators' dashboard on a phone: the figures of the demo year equal the
// API's, a figure opens the list behind it and its rows open their announcements, money switches
// between yuan and 万元, and the Excel export downloads as a workbook.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launchBrowser, openPage, screenshot, signIn } from './browser.mjs';
import { assertAccessible, assertNoHorizontalOverflow, phone } from './layout.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Fen as 万元 with two decimals, half away from zero, written out again from src/ (TypeScript). */
function wan(fen) {
  const hundredths = Math.floor((Math.abs(fen) + 5000) / 10000);
  const whole = Math.floor(hundredths / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 && hundredths > 0 ? '-' : ''}${whole}.${(hundredths % 100).toString().padStart(2, '0')}`;
}

function yuan(fen) {
  const whole = Math.floor(Math.abs(fen) / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}${whole}.${(Math.abs(fen) % 100).toString().padStart(2, '0')}`;
}

test('a regulator reads the dashboard, drills down, switches to 万元 and exports it', async () => {
  const { page, context, assertClean } = await openPage(browser, { viewport: phone });
  try {
    await signIn(page, 'reg.zwfw');
    await page.goto('/workspace/dashboard');
    await page.getByTestId('figure-published').waitFor();
    const figures = await page.evaluate(async () => (await fetch('/api/v1/supervision/dashboard')).json());
    const totals = figures.totals;
    assert.ok(totals.published > 0, `the demo publishes announcements this year: ${JSON.stringify(totals)}`);
    assert.match(await page.getByTestId('figure-published').innerText(), new RegExp(`\\b${totals.published}\\b`));
    assert.match(await page.getByTestId('figure-selected').innerText(), new RegExp(`\\b${totals.selections}\\b`));
    assert.ok((await page.getByTestId('figure-deals').innerText()).includes(yuan(totals.dealFen)));
    assert.equal(await page.title(), '统计分析 - 大理州中介服务超市');
    await page.getByTestId('dashboard-trend').locator('canvas').first().waitFor();
    await assertNoHorizontalOverflow(page, 'the dashboard on a phone');
    await screenshot(page, 'dashboard-phone');

    // Money in 万元, from the same integer fen.
    await page.getByText('万元', { exact: true }).first().click();
    await page.waitForURL((url) => url.searchParams.get('unit') === 'wan');
    // The figures re-render after the address changes: wait for the 万元 text.
    await page
      .getByTestId('figure-deals')
      .getByText(wan(totals.dealFen), { exact: false })
      .waitFor({ timeout: 30_000 });

    // The list behind "announcements published": as many rows as the figure, each opening its announcement.
    await page.getByTestId('figure-published').click();
    const list = page.getByTestId('dashboard-list');
    await list.locator('.ant-table-row').first().waitFor();
    assert.match(await list.innerText(), /明细：发布公告/);
    const rows = await list.locator('.ant-table-row').count();
    assert.equal(rows, Math.min(totals.published, 20));
    await assertNoHorizontalOverflow(page, 'the dashboard list on a phone');
    await assertAccessible(page, 'the dashboard with its list');

    // The Excel export of the dashboard downloads as a workbook (a zip) with its name.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .getByRole('link', { name: /导出 Excel/ })
        .first()
        .click(),
    ]);
    assert.match(download.suggestedFilename(), /^intermart-dashboard.*\.xlsx$/);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'an xlsx workbook is a zip');

    await list.locator('.ant-table-row a').first().click();
    await page.waitForURL((url) => /^\/workspace\/announcements\/\d+$/.test(url.pathname));
    assertClean();
  } finally {
    await context.close();
  }
});
