// Browser test of a regulator's day: the dashboard's figures, the list behind one of them and an
// announcement from it, the warning queue across the marketplace and the late thing behind a
// warning, a red flag and the procedure it points at, and the dashboard's Excel export downloaded
// and opened, its sheet read back and checked against the figures the API gives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { apiResponse, launchBrowser, openPage, screenshot, signIn } from './browser.mjs';
import { readFirstSheet } from './xlsx.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test("a regulator's day: dashboard, drill-down, warnings, a red flag and the Excel export", async () => {
  const { page, context, assertClean } = await openPage(browser);
  try {
    await signIn(page, 'reg.zwfw');

    // The dashboard, from the menu: its figures are the API's.
    const figuresAnswered = apiResponse(page, 'GET', /\/api\/v1\/supervision\/dashboard(\?|$)/);
    await page.getByTestId('nav-dashboard').click();
    await page.waitForURL((url) => url.pathname === '/workspace/dashboard');
    const figures = await (await figuresAnswered).json();
    const totals = figures.totals;
    assert.ok(totals.published > 0 && totals.selections > 0, `the demo year is counted: ${JSON.stringify(totals)}`);
    await page.getByTestId('figure-published').waitFor();
    assert.match(await page.getByTestId('figure-published').innerText(), new RegExp(`\\b${totals.published}\\b`));

    // Drill down: the selections completed, then one of them.
    await page.getByTestId('figure-selected').click();
    const list = page.getByTestId('dashboard-list');
    await list.locator('.ant-table-row').first().waitFor({ timeout: 30_000 });
    assert.equal(await list.locator('.ant-table-row').count(), Math.min(totals.selections, 20));
    await list.locator('.ant-table-row a').first().click();
    await page.waitForURL((url) => /^\/workspace\/announcements\/\d+$/.test(url.pathname));

    // The warning queue across the marketplace; the first warning opens what is late.
    const warningsAnswered = apiResponse(page, 'GET', /\/api\/v1\/warnings(\?|$)/);
    await page.getByTestId('nav-warnings').click();
    const warnings = await (await warningsAnswered).json();
    assert.ok(warnings.items.length > 0, 'the demo year leaves late things to warn of');
    const first = page.getByTestId('warnings').locator('.ant-table-row').first();
    await first.getByText(warnings.items[0].title, { exact: true }).waitFor();
    await first.locator(`[data-level=${warnings.items[0].level}]`).waitFor();
    await screenshot(page, 'regulator-day-warnings');
    const late = first.locator('a').first();
    if ((await late.count()) > 0) {
      await late.click();
      await page.waitForURL((url) =>
        /^\/workspace\/(announcements|contracts|agencies|organisations)\//.test(url.pathname),
      );
    }

    // A red flag, with its evidence, opens the procedure it is about.
    const flagsAnswered = apiResponse(page, 'GET', /\/api\/v1\/supervision\/red-flags(\?|$)/);
    await page.getByTestId('nav-redFlags').click();
    const flags = await (await flagsAnswered).json();
    assert.ok(flags.total > 0, 'the demo has red flags');
    const flagRow = page.getByTestId('red-flags').locator('tbody tr.ant-table-row').first();
    await flagRow.waitFor({ timeout: 30_000 });
    const subject = flagRow.locator('a').first();
    assert.equal(await subject.textContent(), flags.items[0].title);
    await subject.click();
    await page.waitForURL((url) => /^\/workspace\/(announcements|contracts)\/\d+$/.test(url.pathname));

    // Back to the dashboard: its Excel export, downloaded, opened and read back.
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('figure-published').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page
        .getByRole('link', { name: /导出 Excel/ })
        .first()
        .click(),
    ]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const sheet = readFirstSheet(await readFile(await download.path()));
    const [head, period] = sheet.rows;
    const column = (title) => {
      const i = head.indexOf(title);
      assert.ok(i >= 0, `the sheet has a column ${title}: ${head.join(' | ')}`);
      return period[i];
    };
    assert.equal(period[0], `${figures.from} – ${figures.to}`, 'the first row after the heading is the period');
    assert.equal(Number(column('发布公告')), totals.published);
    assert.equal(Number(column('完成选取')), totals.selections);
    assert.equal(Number(column('登记合同')), totals.contracts);
    assert.equal(Number(column('履约完成')), totals.completed);
    // Yuan with at most two decimals, compared in fen as integers.
    const fen = (yuan) => {
      const [whole, frac = ''] = yuan.split('.');
      return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
    };
    assert.equal(fen(column('成交金额（元）')), totals.dealFen);
    assert.equal(fen(column('节约资金（元）')), totals.savingsFen);
    assert.equal(sheet.rows.length, 2 + figures.months.length, 'the period, then each month of it');
    assertClean();
  } finally {
    await context.close();
  }
});
