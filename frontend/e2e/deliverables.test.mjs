// Browser test of deliverables: on the demo's active contract the agency uploads a report with a
// visible progress bar and submits it; the owner returns it with comments; the agency uploads a
// new version, which the owner accepts; the accepted file dropped onto the public /verify page is
// recognised, and the same file with one byte changed is not. The training clock is left alone.
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

// The demo's active contract, with two milestones: its owner is 云龙县's; its agency, drawn at
// random when the demo is loaded, is looked up.
const owner = 'owner.yunlong';

function report(text, size) {
  const head = Buffer.from(`%PDF-1.7\n% ${text}\n`);
  const body = Buffer.alloc(size - head.length, 0x20);
  return Buffer.concat([head, body]);
}

describe('deliverables', () => {
  test('upload with progress, return with comments, a new version accepted, verified on /verify', async () => {
    const a = await openPage(browser);
    const o = await openPage(browser);
    const v = await openPage(browser, { viewport: phone });
    try {
      await signIn(o.page, owner);
      const res = await o.page.request.get('/api/v1/contracts?status=active');
      assert.equal(res.status(), 200);
      const active = (await res.json()).items.find((c) => c.status === 'active');
      assert.ok(active, 'the demo has an active contract');
      const contractPath = `/workspace/contracts/${active.id}`;
      await signIn(v.page, 'admin');
      const users = await v.page.request.get(`/api/v1/organisations/${active.agencyId}/users`);
      assert.equal(users.status(), 200);
      const agency = (await users.json()).items[0].username;
      await v.context.clearCookies();
      await signIn(a.page, agency);

      // The agency opens version 1 of the first milestone and uploads a report.
      await a.page.goto(contractPath);
      const first = a.page.getByTestId('deliverables-panel').getByTestId('milestone-1');
      await first.getByTestId('open-version').click();
      const v1 = first.getByTestId('version-1');
      await v1.waitFor({ timeout: 30_000 });
      await v1
        .getByTestId('deliverable-input')
        .setInputFiles({ name: '初稿.pdf', mimeType: 'application/pdf', buffer: report('draft', 4 << 20) });
      await v1.getByTestId('upload-progress').waitFor({ timeout: 30_000 });
      await v1.getByText('100%').waitFor({ timeout: 60_000 });
      await v1.getByText('初稿.pdf').first().waitFor({ timeout: 30_000 });
      await v1.getByTestId('submit-version').click();
      await a.page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await v1.getByTestId('version-status').getByText('待验收').waitFor({ timeout: 30_000 });

      // The owner returns it with comments.
      await o.page.goto(contractPath);
      const ov1 = o.page.getByTestId('milestone-1').getByTestId('version-1');
      await ov1.getByTestId('decision-comments').fill('第三章监测数据不全，请补充。');
      await ov1.getByTestId('return-version').click();
      await ov1.getByTestId('version-status').getByText('已退回').waitFor({ timeout: 30_000 });

      // The agency sees the comments and uploads version 2.
      await a.page.reload();
      await first.getByTestId('owner-comments').getByText('第三章监测数据不全').waitFor({ timeout: 30_000 });
      await first.getByTestId('open-version').click();
      const v2 = first.getByTestId('version-2');
      await v2.waitFor({ timeout: 30_000 });
      const accepted = report(`revised ${Date.now()}`, 256 << 10);
      await v2
        .getByTestId('deliverable-input')
        .setInputFiles({ name: '修订稿.pdf', mimeType: 'application/pdf', buffer: accepted });
      await v2.getByText('修订稿.pdf').first().waitFor({ timeout: 30_000 });
      await v2.getByTestId('submit-version').click();
      await a.page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await v2.getByTestId('version-status').getByText('待验收').waitFor({ timeout: 30_000 });

      // The owner accepts it.
      await o.page.reload();
      const ov2 = o.page.getByTestId('milestone-1').getByTestId('version-2');
      await ov2.getByTestId('accept-version').click();
      await ov2.getByTestId('version-status').getByText('已验收').waitFor({ timeout: 30_000 });
      await screenshot(o.page, 'deliverables-accepted');

      // Anyone checks the file on /verify, on a phone: hashed in the browser, never uploaded.
      await v.page.goto('/');
      await v.page.getByTestId('open-menu').click();
      await v.page.getByTestId('menu-drawer').getByTestId('nav-verify').click();
      await v.page.waitForURL((url) => url.pathname === '/verify');
      const input = v.page.getByTestId('verify-drop').locator('input[type=file]');
      await input.setInputFiles({ name: '修订稿.pdf', mimeType: 'application/pdf', buffer: accepted });
      await v.page.getByTestId('verify-accepted').getByText(active.code).waitFor({ timeout: 30_000 });
      await assertNoHorizontalOverflow(v.page, 'the verification page on a phone');
      await screenshot(v.page, 'verify-accepted-phone');
      const changed = Buffer.from(accepted);
      changed[changed.length - 1] ^= 1;
      await input.setInputFiles({ name: '修订稿.pdf', mimeType: 'application/pdf', buffer: changed });
      await v.page.getByTestId('verify-not-accepted').waitFor({ timeout: 30_000 });

      a.assertClean();
      o.assertClean();
      v.assertClean();
    } finally {
      await a.context.close();
      await o.context.close();
      await v.context.close();
    }
  });
});
