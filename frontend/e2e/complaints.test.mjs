// Browser test of a complaint (投诉) from filing to decision: a registrant complains about an
// announcement from its registrations, with a PDF as evidence; a regulator accepts it, suspends
// the procedure and writes in the thread; the owner answers there; the regulator decides it
// upheld; the decision's summary is published under the portal and fits a phone. The test
// publishes its own announcement and leaves the training clock alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, screenshot, signIn, clickUntilSent } from './browser.mjs';
import { assertNoHorizontalOverflow, phone } from './layout.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

// A demo agency eligible for 工程测量.
const item = '工程测量';
const agency = 'ag080';

const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
);

/** Calls the API from the signed-in page, returning the JSON answer (and failing on an error). */
async function api(page, method, path, body) {
  const res = await page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(p, {
        method: m,
        headers: b === undefined ? {} : { 'Content-Type': 'application/json' },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      return { status: r.status, text: await r.text() };
    },
    [method, path, body],
  );
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${res.text}`);
  return res.text ? JSON.parse(res.text) : undefined;
}

describe('complaints', () => {
  test('filed with evidence, accepted, suspended, discussed, decided upheld and published', async () => {
    const owner = await openPage(browser);
    const complainant = await openPage(browser);
    const regulator = await openPage(browser);
    const visitor = await openPage(browser, { viewport: phone });
    try {
      // The owner publishes an announcement; the agency registers for it.
      await signIn(owner.page, 'owner');
      const items = await api(owner.page, 'GET', `/api/v1/catalog/items?q=${encodeURIComponent(item)}`);
      const itemId = items.items.find((i) => i.nameZh === item).id;
      const suffix = String(Date.now()).slice(-6);
      const project = await api(owner.page, 'POST', '/api/v1/projects', {
        code: `2026-532901-47-02-${suffix}`,
        name: `大理市海东片区道路工程${suffix}`,
        regionCode: '532901',
        totalInvestmentFen: 2_000_000_000,
        stage: 'design',
      });
      const withService = await api(owner.page, 'POST', `/api/v1/projects/${project.id}/services`, {
        itemId,
        note: '',
      });
      const serviceId = withService.services[withService.services.length - 1].id;
      const title = `大理市海东片区道路工程${suffix}工程测量`;
      const draft = await api(owner.page, 'POST', '/api/v1/announcements', {
        projectServiceId: serviceId,
        title,
        description: '工程测量，成果须通过主管部门审查。',
        practitionerRequirements: '',
        ceilingFen: 20_000_000,
        statedPriceFen: 18_000_000,
        method: 'random',
        serviceWorkdays: 5,
        registrationDeadline: new Date(Date.now() + 6 * 86400_000).toISOString(),
      });
      const { code } = await api(owner.page, 'POST', `/api/v1/announcements/${draft.id}/publish`);
      await signIn(complainant.page, agency);
      await api(complainant.page, 'PUT', `/api/v1/announcements/${draft.id}/registration`, {});

      // The agency complains about the announcement from its registrations, with evidence.
      const a = complainant.page;
      await a.goto('/workspace/registrations');
      const row = a.getByTestId('my-registrations').locator('.ant-table-row', { hasText: code });
      await row.getByTestId('file-complaint').click();
      const modal = a.locator('.ant-modal:visible');
      await modal
        .getByTestId('complaint-grounds')
        .fill('公告要求的从业人员条件明显超出本项目需要，排斥了本地中介机构，请监管部门审查。');
      await modal
        .locator('input[type=file]')
        .setInputFiles({ name: '证据.pdf', mimeType: 'application/pdf', buffer: pdf });
      await modal.getByTestId('complaint-evidence').getByText('证据.pdf').waitFor({ timeout: 30_000 });
      await a.locator('#complaint-submit').click();
      await a.waitForURL((url) => /^\/workspace\/complaints\/\d+$/.test(url.pathname), { timeout: 30_000 });
      const complaintPath = new URL(a.url()).pathname;
      await a.getByTestId('complaint-status').getByText('待受理').waitFor();
      await a.getByTestId('complaint-evidence-list').getByText('证据.pdf').waitFor();
      assert.equal(await a.getByTestId('complaint-review').count(), 0, 'the complainant cannot review');

      // The regulator finds it in its list, accepts it and suspends the procedure.
      const r = regulator.page;
      await signIn(r, 'reg.zwfw');
      await r.getByTestId('nav-complaints').click();
      await r.waitForURL((url) => url.pathname === '/workspace/complaints');
      await r.getByTestId('complaints').getByText(title).click();
      await r.waitForURL((url) => url.pathname === complaintPath);
      await r.getByTestId('complaint-review').click();
      await r.locator('.ant-modal').getByTestId('review-decision').waitFor();
      await clickUntilSent(r, r.locator('#review-submit'), 'POST', /^\/api\/v1\/complaints\/\d+\/review$/);
      await r.getByTestId('complaint-status').getByText('已受理').waitFor({ timeout: 30_000 });
      await r.getByTestId('complaint-suspend').click();
      await r.locator('.ant-popconfirm:visible .ant-btn-primary').click();
      await r.getByText('采购程序已暂停').first().waitFor({ timeout: 30_000 });
      await r.getByTestId('complaint-message').fill('请项目业主说明从业人员条件的依据。');
      await r.getByTestId('complaint-send').click();
      await r
        .getByTestId('complaint-messages')
        .getByText('请项目业主说明从业人员条件的依据。')
        .waitFor({ timeout: 30_000 });

      // The owner, the respondent, answers in the thread.
      const o = owner.page;
      await o.goto('/workspace/complaints');
      await o.getByTestId('complaints').getByText(title).click();
      await o.waitForURL((url) => url.pathname === complaintPath);
      await o.getByTestId('complaint-messages').getByText('请项目业主说明从业人员条件的依据。').waitFor();
      await o.getByTestId('complaint-message').fill('该条件系参照行业规范设定，愿意根据监管意见调整。');
      await o.getByTestId('complaint-send').click();
      await o.getByTestId('complaint-messages').getByText('愿意根据监管意见调整').waitFor({ timeout: 30_000 });
      assert.equal(await o.getByTestId('complaint-decide').count(), 0, 'the owner cannot decide');

      // The regulator decides: upheld, with a published summary; the suspension ends.
      await r.reload();
      await r.getByTestId('complaint-messages').getByText('愿意根据监管意见调整').waitFor();
      await r.getByTestId('complaint-decide').click();
      const decide = r.locator('.ant-modal:visible');
      await decide.getByText('投诉成立').click();
      await decide
        .getByTestId('decide-reasoning')
        .fill('经审查，公告设定的从业人员条件超出项目实际需要，构成不合理限制。');
      const summary = `投诉成立：${code} 公告的从业人员条件不合理，责令项目业主修改。`;
      await decide.getByTestId('decide-summary').fill(summary);
      await r.locator('#decide-submit').click();
      await r.getByTestId('complaint-status').getByText('投诉成立').waitFor({ timeout: 30_000 });
      await r.getByTestId('complaint-decision').getByText(summary).waitFor();
      assert.equal(await r.getByText('采购程序已暂停').count(), 0, 'still shown as suspended after the decision');
      await r.getByTestId('complaint-history').getByText('作出处理决定').waitFor();
      await screenshot(r, 'complaint-decided');

      // The complainant sees the decision; its thread is closed.
      await a.reload();
      await a.getByTestId('complaint-decision').getByText(summary).waitFor();
      assert.equal(await a.getByTestId('complaint-message').count(), 0, 'the thread is still open');

      // Published in summary under the portal, on a phone: no grounds, no complainant.
      await visitor.page.goto('/complaints');
      const decisions = visitor.page.getByTestId('complaint-decisions');
      await decisions.getByText(summary).waitFor();
      assert.equal(await decisions.getByText('排斥了本地中介机构').count(), 0, 'the grounds are published');
      await assertNoHorizontalOverflow(visitor.page, 'the published decisions on a phone');
      await screenshot(visitor.page, 'phone-complaint-decisions');

      // The complaint's page fits a phone too.
      await a.setViewportSize(phone);
      await a.reload();
      await a.getByTestId('complaint-decision').waitFor();
      await assertNoHorizontalOverflow(a, "a complaint's page on a phone");
      await screenshot(a, 'phone-complaint');

      owner.assertClean();
      complainant.assertClean();
      regulator.assertClean();
      visitor.assertClean();
    } finally {
      await owner.context.close();
      await complainant.context.close();
      await regulator.context.close();
      await visitor.context.close();
    }
  });
});
