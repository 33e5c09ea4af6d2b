// Browser test of the announcement side of procurement: the owner's staff creates a project,
// plans a service and publishes an announcement through the wizard; the public finds it by a
// Chinese word and reads it with a live countdown and no registrants. Phones fit the pages.
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

/** A moment `days` from now as the deadline picker takes it: "YYYY-MM-DD 17:00" in Shanghai. */
function deadlineIn(days) {
  const d = new Date(Date.now() + days * 86400_000 + 8 * 3600_000);
  return `${d.toISOString().slice(0, 10)} 17:00`;
}

describe('procurement', () => {
  test('the owner publishes an announcement; the public finds it by a Chinese word', async () => {
    const owner = await openPage(browser);
    const visitor = await openPage(browser, { viewport: phone });
    try {
      const { page } = owner;
      const suffix = String(Date.now()).slice(-6);
      const projectName = `洱海东岸截污工程${suffix}`;
      const title = `洱海东岸截污工程${suffix}建设项目环境影响评价`;

      // The project library: a new project.
      await signIn(page, 'owner.staff');
      await page.getByTestId('nav-projects').click();
      await page.waitForURL((url) => url.pathname === '/workspace/projects');
      await page.getByTestId('create-project').click();
      const form = page.getByTestId('project-form');
      // A code whose division is not in Dali is refused on its field, translated.
      await form.getByLabel('项目代码').fill(`2026-110101-47-01-${suffix}`);
      await form.getByLabel('项目名称').fill(projectName);
      await form.getByLabel('建设地点').click();
      await page.locator('.ant-select-item-option[title="大理市"]').click();
      await form.getByLabel('总投资（元）').fill('86000000');
      await form.getByLabel('项目阶段').click();
      await page.locator('.ant-select-item-option[title="设计"]').click();
      await page.getByTestId('project-save').click();
      await form.getByText('项目代码中的行政区划须为大理州的区划代码').waitFor();
      await form.getByLabel('项目代码').fill(`2026-532901-47-01-${suffix}`);
      await page.getByTestId('project-save').click();
      await page.getByTestId('project-title').getByText(projectName).waitFor();

      // A planned service, still to buy.
      await page.getByTestId('add-service').click();
      const service = page.getByTestId('service-form');
      await service.getByLabel('服务事项').click();
      await service.getByLabel('服务事项').fill('环境影响报告书编制（城市基础设施）');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
      await page.getByTestId('service-save').click();
      const row = page.getByTestId('planned-services').locator('.ant-table-row').first();
      await row.getByText('待采购').waitFor();

      // The wizard, step by step.
      await row.getByTestId('announce-service').click();
      await page.waitForURL((url) => url.pathname === '/workspace/announcements/new');
      await page.getByTestId('wizard-steps').getByText('服务与项目').waitFor();
      await page.getByText(projectName, { exact: false }).first().waitFor();
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('wizard-title').fill(title);
      await page.getByTestId('wizard-description').fill('编制建设项目环境影响报告书，并协助取得生态环境部门批复。');
      await page.getByTestId('wizard-ceiling').fill('280000');
      await page.getByTestId('wizard-workdays').fill('20');
      // A deadline tomorrow is too soon in working days: the server says so on the field.
      const deadline = page.getByTestId('announcement-form').getByLabel('报名截止时间');
      await deadline.click();
      await deadline.fill(deadlineIn(1));
      await deadline.press('Enter');
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('wizard-next').click();
      await page.getByTestId('wizard-review').waitFor();
      await page.getByTestId('wizard-publish').click();
      await page.getByTestId('confirm-publish').click();
      await page.getByText('报名时间少于交易规则要求的工作日数').waitFor();
      await screenshot(page, 'announcement-deadline-too-soon');
      await deadline.click();
      const closes = deadlineIn(30);
      await deadline.fill(closes);
      await deadline.press('Enter');
      for (let i = 0; i < 3; i++) await page.getByTestId('wizard-next').click();
      await page.getByTestId('wizard-publish').click();
      await page.getByTestId('confirm-publish').click();
      await page.waitForURL((url) => /^\/workspace\/announcements\/\d+$/.test(url.pathname));
      await page.getByTestId('announcement-status').getByText('报名中').waitFor();
      await page.getByTestId('countdown').getByText('距报名截止').waitFor();
      const code = (await page.getByTestId('announcement-code').textContent())?.trim() ?? '';
      assert.match(code, /^DLZJ-\d{4}-\d{6}$/);
      assert.equal(
        (await page.getByTestId('registrant-count').locator('.ant-statistic-content-value').textContent())?.trim(),
        '0',
      );
      // Only the actions the API offers: an open announcement can be cancelled, nothing else.
      await page.getByTestId('announcement-cancel').waitFor();
      assert.equal(await page.getByTestId('announcement-edit').count(), 0);
      assert.equal(await page.getByTestId('announcement-publish').count(), 0);
      await screenshot(page, 'announcement-open');

      // The project shows the service in progress, linked to its announcement.
      await page.goto('/workspace/projects');
      await page.getByRole('link', { name: projectName }).click();
      const planned = page.getByTestId('planned-services').locator('.ant-table-row').first();
      await planned.getByText('采购中').waitFor();
      await planned.getByRole('link', { name: code }).waitFor();

      // The public, on a phone: found by a Chinese word inside a longer one.
      const pub = visitor.page;
      await pub.goto('/notices');
      await pub.getByTestId('notice-search').fill('环境影响');
      await pub.getByTestId('notice-search').press('Enter');
      await pub.waitForURL((url) => url.searchParams.get('q') === '环境影响');
      const notice = pub.getByTestId('notice-row').filter({ hasText: title });
      await notice.waitFor();
      await notice.getByText('已报名 0 家').waitFor();
      await assertNoHorizontalOverflow(pub, 'the notices on a phone');
      await screenshot(pub, 'phone-notices');
      await notice.getByRole('link', { name: title }).click();
      await pub.waitForURL((url) => url.pathname === `/notices/${code}`);
      await pub.getByTestId('notice-title').getByText(title).waitFor();
      const countdown = pub.getByTestId('countdown');
      await countdown.getByText('距报名截止').waitFor();
      const before = await countdown.textContent();
      await pub.waitForFunction((b) => document.querySelector('[data-testid=countdown]')?.textContent !== b, before);
      assert.equal(
        (await pub.getByTestId('notice-registrants').locator('.ant-statistic-content-value').textContent())?.trim(),
        '0',
      );
      assert.match((await pub.getByTestId('notice-commitment').textContent()) ?? '', /^[0-9a-f]{64}$/);
      // The deadline typed into the picker is Shanghai's time, whatever the browser's zone.
      await pub.getByText(closes).waitFor();
      assert.equal(await pub.title(), `${title} - 大理州中介服务超市`);
      await assertNoHorizontalOverflow(pub, 'a notice on a phone');
      await screenshot(pub, 'phone-notice');
      owner.assertClean();
      visitor.assertClean();
    } finally {
      await owner.context.close();
      await visitor.context.close();
    }
  });

  test('the owner pages fit a phone', async () => {
    const { page, context, assertClean } = await openPage(browser, { viewport: phone });
    try {
      await signIn(page, 'owner');
      for (const path of ['/workspace/projects', '/workspace/announcements']) {
        await page.goto(path);
        await page.locator('.ant-table-row').first().waitFor();
        await assertNoHorizontalOverflow(page, path);
      }
      await page.locator('.ant-table-row a').first().click();
      await page.getByTestId('announcement-title').waitFor();
      await assertNoHorizontalOverflow(page, 'an announcement');
      await page.goto('/workspace/announcements/new');
      await page.getByTestId('wizard-steps').waitFor();
      await assertNoHorizontalOverflow(page, 'the wizard');
      await screenshot(page, 'phone-wizard');
      assertClean();
    } finally {
      await context.close();
    }
  });
});
