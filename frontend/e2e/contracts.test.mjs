// Browser test of contract registration (签约登记): the owner of a demo direct selection
// registers its contract with the agreed price and the signed PDF; the agency confirms it; both
// see it in force with its milestones. The training clock is left alone.
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

// The demo's direct selection (剑川县城投, 常年法律顾问服务) chooses the first eligible registrant,
// the demo agency ag010; its contract stays awaiting registration for this test.
const owner = 'owner.jianchuan';
const agency = 'ag010';

/** Today in Shanghai as the date pickers take it. */
function today() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);

describe('contracts', () => {
  test('the owner registers a demo award with the signed PDF; the agency confirms it', async () => {
    const o = await openPage(browser);
    const a = await openPage(browser);
    const mobile = await openPage(browser, { viewport: phone });
    try {
      const { page } = o;
      await signIn(page, owner);
      await page.getByTestId('nav-contracts').click();
      await page.waitForURL((url) => url.pathname === '/workspace/contracts');
      await page.goto('/workspace/contracts?todo=register');
      const link = page.getByTestId('contracts').locator('.ant-table-row a').first();
      const title = (await link.textContent()).trim();
      await link.click();
      await page.waitForURL((url) => /^\/workspace\/contracts\/\d+$/.test(url.pathname));
      const contractPath = new URL(page.url()).pathname;
      await page.getByTestId('contract-status').getByText('待签约登记').waitFor();

      // Registration: the agreed price, the dates and the signed PDF.
      await page.getByTestId('contract-register').click();
      const modal = page.locator('.ant-modal:visible');
      await modal.locator('#price').fill('76000');
      for (const id of ['#signedOn', '#startsOn']) {
        await modal.locator(id).click();
        await modal.locator(id).fill(today());
        await modal.locator(id).press('Enter');
      }
      await modal
        .locator('input[type=file]')
        .setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: pdf });
      await modal.getByTestId('register-file').getByText('合同.pdf').waitFor({ timeout: 30_000 });
      await page.locator('#register-submit').click();
      await page.getByTestId('contract-status').getByText('待确认').waitFor({ timeout: 30_000 });
      await page.getByText('76,000.00').first().waitFor();
      assert.equal(await page.getByTestId('contract-confirm').count(), 0, 'the registering party cannot confirm');

      // The agency finds it among the contracts it has to confirm, and confirms it.
      await signIn(a.page, agency);
      await a.page.goto('/workspace/contracts?todo=confirm');
      await a.page.getByTestId('contracts').getByText(title).click();
      await a.page.waitForURL((url) => url.pathname === contractPath);
      await a.page.getByTestId('contract-confirm').click();
      await a.page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await a.page.getByTestId('contract-status').getByText('履行中').waitFor({ timeout: 30_000 });
      await a.page.getByTestId('contract-milestone-list').locator('.ant-table-row').first().waitFor();
      await screenshot(a.page, 'contract-active');

      // The owner sees it in force too.
      await page.reload();
      await page.getByTestId('contract-status').getByText('履行中').waitFor({ timeout: 30_000 });
      await page.getByTestId('contract-timeline').getByText('合同生效').waitFor();

      // A phone fits the contract page.
      await signIn(mobile.page, agency);
      await mobile.page.goto(contractPath);
      await mobile.page.getByTestId('contract-status').getByText('履行中').waitFor({ timeout: 30_000 });
      await assertNoHorizontalOverflow(mobile.page, 'the contract page on a phone');
      await screenshot(mobile.page, 'contract-phone');

      o.assertClean();
      a.assertClean();
      mobile.assertClean();
    } finally {
      await o.context.close();
      await a.context.close();
      await mobile.context.close();
    }
  });
});
