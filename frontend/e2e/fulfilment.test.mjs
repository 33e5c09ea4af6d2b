// Browser test of a whole fulfilment, from the award to the agency's public profile: the demo's
// direct selection in 巍山 (awarded, its contract awaiting registration, used by no other browser
// test) is registered by its owner with the agreed price and the signed PDF and confirmed by the
// agency; the agency uploads its report with a visible progress bar; the owner returns it with
// comments; a new version is accepted; the remaining milestones are delivered and accepted, the
// last acceptance completing the contract; both sides rate each other; the agency's public
// profile shows the new averages and credit score; the accepted file dropped onto /verify is
// recognised, and the same file with one byte changed is not. Each side reads the other's steps
// among its notifications. The training clock is left alone.
import { after, before, describe, test } from 'node:test';
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

const owner = 'owner.weishan';
const price = '85000';

/** Today in Shanghai as the date pickers take it. */
function today() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A PDF-looking file of size bytes whose first line carries text. */
function report(text, size) {
  const head = Buffer.from(`%PDF-1.7\n% ${text}\n`);
  return Buffer.concat([head, Buffer.alloc(size - head.length, 0x20)]);
}

const signedPDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Calls a JSON API path with the page's session; returns { status, body }. */
async function apiCall(page, method, path) {
  return page.evaluate(
    async ({ method, path }) => {
      const res = await fetch(path, { method, credentials: 'same-origin' });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path },
  );
}

/** The first enabled user of organisation orgId with one of roles, as the platform admin sees it. */
async function userOf(page, orgId, roles) {
  const res = await apiCall(page, 'GET', `/api/v1/organisations/${orgId}/users`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const user = [...res.body.items].sort((a, b) => a.id - b.id).find((u) => !u.disabled && roles.includes(u.role));
  assert.ok(user, `organisation ${orgId} has a user with role ${roles}`);
  return user.username;
}

/** Confirms the popconfirm the last click opened. */
async function confirmPop(page) {
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
}

/** Points with two decimals, as the credit card shows hundredths. */
const points = (h) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;

describe('fulfilment', () => {
  test('award → registered → delivered, returned, accepted → completed → rated → profile and /verify', async () => {
    const o = await openPage(browser);
    const a = await openPage(browser);
    const v = await openPage(browser, { viewport: phone });
    try {
      // The owner finds the award among the contracts to register.
      await signIn(o.page, owner);
      await o.page.goto('/workspace/contracts?todo=register');
      const link = o.page.getByTestId('contracts').locator('.ant-table-row a').first();
      const title = (await link.textContent()).trim();
      assert.match(title, /巍山/);
      await link.click();
      await o.page.waitForURL((url) => /^\/workspace\/contracts\/\d+$/.test(url.pathname));
      const contractPath = new URL(o.page.url()).pathname;
      const contractId = Number(contractPath.split('/').pop());
      await o.page.getByTestId('contract-status').getByText('待签约登记').waitFor({ timeout: 30_000 });
      const contract = await apiCall(o.page, 'GET', `/api/v1/contracts/${contractId}`);
      assert.equal(contract.status, 200, JSON.stringify(contract.body));
      const { agencyId, code } = contract.body;
      assert.ok(agencyId && code, 'the contract names its agency and code');

      // The agency's users, and its public credit before the walk.
      await signIn(v.page, 'admin');
      const agencyUser = await userOf(v.page, agencyId, ['agency_admin', 'agency_staff']);
      await v.context.clearCookies();
      const before = await apiCall(v.page, 'GET', `/api/v1/agencies/${agencyId}/credit`);
      assert.equal(before.status, 200, JSON.stringify(before.body));

      // Registration (签约登记): the agreed price, the dates and the signed PDF.
      await o.page.getByTestId('contract-register').click();
      const modal = o.page.locator('.ant-modal:visible');
      await modal.locator('#price').fill(price);
      for (const id of ['#signedOn', '#startsOn']) {
        await modal.locator(id).click();
        await modal.locator(id).fill(today());
        await modal.locator(id).press('Enter');
      }
      await modal
        .locator('input[type=file]')
        .setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: signedPDF });
      await modal.getByTestId('register-file').getByText('合同.pdf').waitFor({ timeout: 30_000 });
      await o.page.locator('#register-submit').click();
      await o.page.getByTestId('contract-status').getByText('待确认').waitFor({ timeout: 30_000 });

      // The agency confirms it: in force, with its milestones.
      await signIn(a.page, agencyUser);
      await a.page.goto('/workspace/contracts?todo=confirm');
      await a.page.getByTestId('contracts').getByText(title).click();
      await a.page.waitForURL((url) => url.pathname === contractPath);
      await a.page.getByTestId('contract-confirm').click();
      await confirmPop(a.page);
      await a.page.getByTestId('contract-status').getByText('履行中').waitFor({ timeout: 30_000 });
      const deliverables = await apiCall(a.page, 'GET', `/api/v1/contracts/${contractId}/deliverables`);
      assert.equal(deliverables.status, 200, JSON.stringify(deliverables.body));
      const milestones = deliverables.body.milestones.map((m) => m.seq).sort((x, y) => x - y);
      assert.ok(milestones.length >= 1, 'the contract has milestones');

      /** The agency uploads file into a new version of milestone seq and submits it. */
      async function deliver(seq, version, name, buffer, { progress = false } = {}) {
        await a.page.goto(contractPath);
        const m = a.page.getByTestId('deliverables-panel').getByTestId(`milestone-${seq}`);
        await m.getByTestId('open-version').click();
        const card = m.getByTestId(`version-${version}`);
        await card.waitFor({ timeout: 30_000 });
        await card.getByTestId('deliverable-input').setInputFiles({ name, mimeType: 'application/pdf', buffer });
        if (progress) {
          await card.getByTestId('upload-progress').waitFor({ timeout: 30_000 });
          await card.getByText('100%').waitFor({ timeout: 60_000 });
        }
        await card.getByText(name).first().waitFor({ timeout: 30_000 });
        await card.getByTestId('submit-version').click();
        await confirmPop(a.page);
        await card.getByTestId('version-status').getByText('待验收').waitFor({ timeout: 30_000 });
      }

      /** The owner accepts, or returns with comments, version of milestone seq. */
      async function decide(seq, version, comments) {
        await o.page.goto(contractPath);
        const card = o.page.getByTestId(`milestone-${seq}`).getByTestId(`version-${version}`);
        await card.waitFor({ timeout: 30_000 });
        if (comments) {
          await card.getByTestId('decision-comments').fill(comments);
          await card.getByTestId('return-version').click();
          await card.getByTestId('version-status').getByText('已退回').waitFor({ timeout: 30_000 });
        } else {
          await card.getByTestId('accept-version').click();
          await card.getByTestId('version-status').getByText('已验收').waitFor({ timeout: 30_000 });
        }
      }

      // The first milestone: a report uploaded with visible progress, returned with comments.
      const [first, ...rest] = milestones;
      await deliver(first, 1, '初稿.pdf', report(`draft ${contractId}`, 4 << 20), { progress: true });
      await decide(first, 1, '法律意见书缺少风险提示，请补充。');

      // The agency reads the comments and uploads a new version, which the owner accepts.
      await a.page.goto(contractPath);
      const m1 = a.page.getByTestId('milestone-' + first);
      await m1.getByTestId('owner-comments').getByText('法律意见书缺少风险提示').waitFor({ timeout: 30_000 });
      const accepted = report(`revised ${contractId} ${Date.now()}`, 256 << 10);
      await deliver(first, 2, '修订稿.pdf', accepted);
      await decide(first, 2);

      // The remaining milestones; accepting the final one completes the contract (验收).
      for (const seq of rest) {
        await deliver(seq, 1, `成果${seq}.pdf`, report(`milestone ${seq} ${contractId}`, 64 << 10));
        await decide(seq, 1);
      }
      await o.page.reload();
      await o.page.getByTestId('contract-status').getByText('履约结束').waitFor({ timeout: 30_000 });
      await o.page.getByTestId('certificate').waitFor({ timeout: 30_000 });
      await screenshot(o.page, 'fulfilment-completed');

      // Each side was told of the other's steps, in its words, with a link to the contract.
      await o.page.goto('/workspace/notifications');
      const ownerNews = o.page.getByTestId('notifications-list');
      await ownerNews.getByText('成果已提交，待验收').first().waitFor({ timeout: 30_000 });
      await ownerNews.locator(`a[href="${contractPath}"]`).first().waitFor();
      await a.page.goto('/workspace/notifications');
      const agencyNews = a.page.getByTestId('notifications-list');
      await agencyNews.getByText('成果被退回').first().waitFor({ timeout: 30_000 });
      await agencyNews.getByText('法律意见书缺少风险提示').first().waitFor();
      await agencyNews.getByText('合同已终验，履约结束').first().waitFor();

      // Both sides rate each other on the contract page.
      for (const [page, form, dims, path, comment] of [
        [
          o.page,
          'rate-agency',
          [
            ['服务质量', 5],
            ['服务时效', 4],
            ['服务态度', 5],
            ['服务收费', 4],
            ['服务规范', 5],
          ],
          /\/agency-rating$/,
          '法律意见专业，修改及时。',
        ],
        [
          a.page,
          'rate-owner',
          [
            ['需求明确', 5],
            ['配合程度', 5],
            ['付款及时', 4],
          ],
          /\/owner-rating$/,
          '',
        ],
      ]) {
        await page.goto(contractPath);
        const panel = page.getByTestId('rating-panel');
        const f = panel.getByTestId(form);
        await f.waitFor({ timeout: 30_000 });
        for (const [label, stars] of dims) {
          await f
            .locator('.ant-form-item')
            .filter({ hasText: label })
            .locator('.ant-rate-star')
            .nth(stars - 1)
            .click();
        }
        if (comment) await f.locator('textarea').fill(comment);
        const saved = apiResponse(page, 'PUT', path);
        await f.getByTestId(`${form}-submit`).click();
        assert.equal((await saved).status(), 200);
        await panel
          .getByTestId(form === 'rate-agency' ? 'agency-rating-given' : 'owner-rating-given')
          .waitFor({ timeout: 30_000 });
      }

      // The agency's public profile, on a phone: one rating more, its averages and credit score.
      await v.page.goto(`/directory/${agencyId}`);
      const card = v.page.getByTestId('agency-credit');
      await card.waitFor({ timeout: 30_000 });
      const credit = (await apiCall(v.page, 'GET', `/api/v1/agencies/${agencyId}/credit`)).body;
      assert.equal(credit.ratings.count, before.body.ratings.count + 1);
      assert.notEqual(credit.computedAt, before.body.computedAt, 'the credit score was recomputed');
      await card.getByTestId('credit-score').getByText(points(credit.score)).waitFor({ timeout: 30_000 });
      await card.getByTestId('rating-count').getByText(`${credit.ratings.count} 次评价`).waitFor();
      await card.getByTestId('rating-average-quality').getByText(points(credit.ratings.quality)).waitFor();
      await assertNoHorizontalOverflow(v.page, 'the agency profile on a phone');
      await screenshot(v.page, 'fulfilment-agency-profile');

      // The accepted file dropped onto /verify is recognised; one byte changed, it is not.
      await v.page.goto('/verify');
      const input = v.page.getByTestId('verify-drop').locator('input[type=file]');
      await input.setInputFiles({ name: '修订稿.pdf', mimeType: 'application/pdf', buffer: accepted });
      await v.page.getByTestId('verify-accepted').getByText(code).waitFor({ timeout: 30_000 });
      const changed = Buffer.from(accepted);
      changed[changed.length - 1] ^= 1;
      await input.setInputFiles({ name: '修订稿.pdf', mimeType: 'application/pdf', buffer: changed });
      await v.page.getByTestId('verify-not-accepted').waitFor({ timeout: 30_000 });
      await screenshot(v.page, 'fulfilment-verify-changed');

      o.assertClean();
      a.assertClean();
      v.assertClean();
    } finally {
      await o.context.close();
      await a.context.close();
      await v.context.close();
    }
  });
});
