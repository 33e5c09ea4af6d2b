// Browser test of the competition: the owner publishes a random draw; three eligible agencies
// register (one through its opportunities page with the sealed-quote explanation); the training
// clock passes the deadline; the draw runs; the public result page recomputes and verifies it in
// the browser; publicity ends and the announcement is awarded. Phones fit the pages.
//
// The file is named to run last: it moves the training clock forward, which never moves back,
// and the other browser tests set their deadlines by the real time.
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

// Demo agencies eligible for 工程测量 (approved listing and qualifications).
const item = '工程测量';
const agencies = ['ag049', 'ag074', 'ag080'];

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

describe('competition', () => {
  test('published, registered, drawn at the deadline, verified in the browser, awarded', async () => {
    const owner = await openPage(browser);
    const agency = await openPage(browser, { viewport: phone });
    const visitor = await openPage(browser, { viewport: phone });
    const admin = await openPage(browser);
    try {
      // The owner publishes a random draw of 工程测量 with a deadline six days away.
      await signIn(owner.page, 'owner');
      const items = await api(owner.page, 'GET', `/api/v1/catalog/items?q=${encodeURIComponent(item)}`);
      const itemId = items.items.find((i) => i.nameZh === item).id;
      const suffix = String(Date.now()).slice(-6);
      const project = await api(owner.page, 'POST', '/api/v1/projects', {
        code: `2026-532901-47-01-${suffix}`,
        name: `大理市才村码头改造工程${suffix}`,
        regionCode: '532901',
        totalInvestmentFen: 3_000_000_000,
        stage: 'design',
      });
      const withService = await api(owner.page, 'POST', `/api/v1/projects/${project.id}/services`, {
        itemId,
        note: '',
      });
      const serviceId = withService.services[withService.services.length - 1].id;
      const deadline = new Date(Date.now() + 6 * 86400_000).toISOString();
      const draft = await api(owner.page, 'POST', '/api/v1/announcements', {
        projectServiceId: serviceId,
        title: `大理市才村码头改造工程${suffix}工程测量`,
        description: '工程测量，成果须通过主管部门审查。',
        practitionerRequirements: '',
        ceilingFen: 20_000_000,
        statedPriceFen: 18_000_000,
        method: 'random',
        serviceWorkdays: 5,
        registrationDeadline: deadline,
      });
      const published = await api(owner.page, 'POST', `/api/v1/announcements/${draft.id}/publish`);
      const code = published.code;
      assert.match(code, /^DLZJ-/);

      // Before the deadline the result is sealed.
      await visitor.page.goto(`/notices/${code}/result`);
      await visitor.page.getByText('报名尚未截止，报名机构和报价保密。').waitFor();

      // The first agency registers on its phone from its opportunities.
      await signIn(agency.page, agencies[0]);
      await agency.page.goto('/workspace/opportunities');
      const row = agency.page.getByTestId('opportunities').locator('.ant-table-row', { hasText: code });
      await row.getByRole('button', { name: '报名' }).click();
      await agency.page.getByTestId('sealed-quote-explanation').waitFor();
      await assertNoHorizontalOverflow(agency.page, 'the registration form on a phone');
      await screenshot(agency.page, 'phone-registration');
      await agency.page.locator('.ant-modal-footer').getByRole('button', { name: '提交报名' }).click();
      await row.getByText('已报名').waitFor();
      await agency.page.goto('/workspace/registrations');
      const mine = agency.page.getByTestId('my-registrations').locator('.ant-table-row', { hasText: code });
      await mine.getByRole('button', { name: '撤回' }).waitFor();
      await assertNoHorizontalOverflow(agency.page, 'my registrations on a phone');
      await screenshot(agency.page, 'phone-registrations');
      // The other two through the API.
      for (const username of agencies.slice(1)) {
        const other = await openPage(browser);
        try {
          await signIn(other.page, username);
          await api(other.page, 'PUT', `/api/v1/announcements/${draft.id}/registration`, {});
        } finally {
          await other.context.close();
        }
      }

      // The training clock passes the deadline: the draw runs in the move.
      await signIn(admin.page, 'admin');
      await api(admin.page, 'POST', '/api/v1/training-clock/advance', { seconds: 7 * 86400 });

      // The public result page: three registrants, the winner, the draw verified in the browser.
      await visitor.page.goto(`/notices/${code}/result`);
      await visitor.page.getByTestId('result-status').getByText('公示中').waitFor();
      assert.equal(await visitor.page.getByTestId('result-registrants').locator('.ant-table-row').count(), 3);
      await visitor.page.getByTestId('draw-verification').getByText('验证通过：抽取结果与公开数据一致').waitFor();
      await assertNoHorizontalOverflow(visitor.page, 'the result page on a phone');
      await screenshot(visitor.page, 'phone-result-verified');

      // The owner sees the selection on the announcement page.
      await owner.page.goto(`/workspace/announcements/${draft.id}`);
      await owner.page.getByTestId('selection-panel').waitFor();

      // Publicity ends (three working days and more): awarded.
      await api(admin.page, 'POST', '/api/v1/training-clock/advance', { workingDays: 4 });
      await visitor.page.reload();
      await visitor.page.getByTestId('result-status').getByText('已成交').waitFor();
      await visitor.page.getByTestId('result-selections').getByText('已生效').waitFor();
      await screenshot(visitor.page, 'phone-result-awarded');
      owner.assertClean();
      agency.assertClean();
      visitor.assertClean();
      admin.assertClean();
    } finally {
      await owner.context.close();
      await agency.context.close();
      await visitor.context.close();
      await admin.context.close();
    }
  });
});
