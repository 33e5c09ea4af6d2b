// Browser test of the regulators' red flags: the list from the menu with its evidence linking to
// the procurement, a review with a note, the Excel export downloaded, and the page on a phone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiResponse, launchBrowser, openPage, screenshot, signIn } from './browser.mjs';
import { assertNoHorizontalOverflow, phone } from './layout.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

test('a regulator reads the red flags, reviews one with a note and exports the list', async () => {
  const { page, context, assertClean } = await openPage(browser);
  try {
    await signIn(page, 'reg.sthj');
    const listed = apiResponse(page, 'GET', /\/api\/v1\/supervision\/red-flags(\?|$)/);
    await page.getByTestId('nav-redFlags').click();
    await page.waitForURL((url) => url.pathname === '/workspace/red-flags');
    const flags = await (await listed).json();
    assert.ok(flags.total > 0, 'the demo has red flags');
    const table = page.getByTestId('red-flags');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    assert.match(await page.title(), /^风险提示 - /, 'the tab names the page');
    assert.equal(await page.locator('.ant-breadcrumb').getByText('风险提示').count(), 1, 'the trail ends at the page');

    // An open flag: its subject links to the announcement or contract it is about.
    const open = flags.items.find((f) => !f.reviewedAt && f.actions.includes('review'));
    assert.ok(open, 'the demo has a red flag to review');
    const row = table.locator('tbody tr.ant-table-row', { has: page.getByTestId(`review-${open.id}`) });
    const link = row.locator('a').first();
    assert.equal(await link.textContent(), open.title);
    assert.match(await link.getAttribute('href'), /^\/workspace\/(announcements|contracts)\/\d+$/);

    // Review it with a note; a blank note is refused in the form.
    await page.getByTestId(`review-${open.id}`).click();
    await page.locator('#red-flag-review-submit').click();
    await page.getByText('请填写复核意见').waitFor();
    const note = `已调阅报名材料和开标记录，未见异常（浏览器测试 ${Date.now()}）。`;
    await page.getByTestId('red-flag-note').fill(note);
    const reviewed = apiResponse(page, 'POST', new RegExp(`/api/v1/supervision/red-flags/${open.id}/review$`));
    await page.locator('#red-flag-review-submit').click();
    assert.equal((await reviewed).status(), 200);
    await table.getByText(note, { exact: false }).waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId(`review-${open.id}`).count(), 0, 'a reviewed flag offers no review');

    // The Excel export downloads as a workbook (a ZIP container) with the list's name.
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('red-flags-xlsx').click();
    const file = await download;
    assert.match(file.suggestedFilename(), /^red-flags-\d{8}\.xlsx$/);
    const stream = await file.createReadStream();
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an .xlsx file is a ZIP container');
    assert.ok(bytes.includes(Buffer.from('xl/worksheets/sheet1.xml')), 'the workbook has its sheet');
    await screenshot(page, 'red-flags-desktop');
    assertClean();
  } finally {
    await context.close();
  }
});

test('the red flags page fits a phone', async () => {
  const { page, context, assertClean } = await openPage(browser, { viewport: phone });
  try {
    await signIn(page, 'reg.zwfw');
    await page.goto('/workspace/red-flags');
    await page.getByTestId('red-flags').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 30_000 });
    await page.getByTestId('concentration').waitFor();
    await assertNoHorizontalOverflow(page, 'red flags on a phone');
    await screenshot(page, 'red-flags-phone');
    assertClean();
  } finally {
    await context.close();
  }
});
