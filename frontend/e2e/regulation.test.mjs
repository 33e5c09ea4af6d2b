// Browser tests of the platform admin's catalogue editor and of sanctions: a regulator
// suspends an agency, the public sees it on the agency's page, and the regulator lifts it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiResponse, choose, launchBrowser, openPage, screenshot, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Three random capitals, for codes unique to this run (I, O, S, V, Z included: any A–Z is fine here). */
function letters(n) {
  return Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join('');
}

describe('service catalogue', () => {
  test('the platform admin adds an item, kept to the committed-time rule, with a requirement', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      const code = `E${letters(3)}-${String(Math.floor(Math.random() * 1000)).padStart(3, '0')}`;
      const name = `测试服务事项${code}`;
      await signIn(page, 'admin');
      await page.getByTestId('nav-catalogItems').click();
      await page.getByTestId('items-table').locator('.ant-table-row').first().waitFor();

      // The category filter narrows the list on the server.
      const filtered = page.waitForResponse((r) => new URL(r.url()).searchParams.get('category') === 'environment');
      await page.getByTestId('item-category-filter').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '生态环境' }).click();
      assert.equal((await filtered).status(), 200);
      await page.getByTestId('items-table').getByText('HJ-001').waitFor();
      await screenshot(page, 'catalogue-items');

      await page.getByTestId('create-item').click();
      const form = page.getByTestId('item-form');
      await form.getByLabel('编码').fill(code);
      await choose(page, form, '类别', '生态环境', '');
      await form.getByLabel('中文名称').fill(name);
      await form.getByLabel('英文名称').fill(`Test service item ${code}`);
      await choose(page, form, '主管部门', '大理州生态环境局', '生态环境');
      await form.getByLabel('法定时限（工作日）').fill('20');
      await form.getByLabel('承诺时限（工作日）').fill('11');
      await form.getByLabel('承诺时限（工作日）').blur();
      await form.getByText('承诺时限不得超过法定时限的一半').waitFor();
      await form.getByLabel('承诺时限（工作日）').fill('10');
      await page.getByTestId('add-requirement').click();
      await choose(page, form, '资质类型', '检验检测机构资质认定（CMA）', '检验检测');
      await choose(page, form, '最低等级', '不分级', '');
      await screenshot(page, 'catalogue-item-form');
      const saved = apiResponse(page, 'POST', /^\/api\/v1\/catalog\/items$/);
      await page.getByTestId('item-save').click();
      assert.equal((await saved).status(), 201);
      await page.getByText(`服务事项“${name}”已保存`).waitFor();

      await page.getByTestId('item-search').fill(code);
      await page.getByTestId('item-search').press('Enter');
      const row = page.getByTestId('items-table').locator('.ant-table-row', { hasText: name });
      await row.getByText('检验检测机构资质认定（CMA）（不分级及以上）').waitFor();
      await row.getByText('20 / 10').waitFor();
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('the platform admin adds a qualification type with ranked levels', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      const code = `e2e_${letters(6).toLowerCase()}`;
      await signIn(page, 'admin');
      await page.getByTestId('nav-qualificationTypes').click();
      await page.getByTestId('types-table').getByText('测绘资质').waitFor();
      await page.getByTestId('create-type').click();
      const form = page.getByTestId('type-form');
      await form.getByLabel('编码').fill(code);
      await form.getByLabel('中文名称', { exact: true }).fill(`测试资质${code}`);
      await form.getByLabel('英文名称', { exact: true }).fill(`Test qualification ${code}`);
      // The form starts with the ungraded level; make it two grades instead, the lower one first…
      const rows = form.getByTestId('level-row');
      await rows.nth(0).getByPlaceholder('等级编码').fill('b');
      await rows.nth(0).getByPlaceholder('中文名称').fill('乙级');
      await rows.nth(0).getByPlaceholder('英文名称').fill('Grade B');
      await page.getByTestId('add-level').click();
      await rows.nth(1).getByPlaceholder('等级编码').fill('a');
      await rows.nth(1).getByPlaceholder('中文名称').fill('甲级');
      await rows.nth(1).getByPlaceholder('英文名称').fill('Grade A');
      // …then move the higher one up: the order is the rank.
      await rows.nth(1).getByRole('button', { name: '上移' }).click();
      await screenshot(page, 'catalogue-type-form');
      const saved = apiResponse(page, 'POST', /^\/api\/v1\/catalog\/qualification-types$/);
      await page.locator('.ant-modal:visible').getByRole('button', { name: '保存' }).click();
      const response = await saved;
      assert.equal(response.status(), 201);
      assert.deepEqual(
        (await response.json()).levels.map((l) => [l.code, l.rank]),
        [
          ['a', 1],
          ['b', 2],
        ],
      );
      const row = page.getByTestId('types-table').locator('.ant-table-row', { hasText: code });
      await row.getByText('1. 甲级').waitFor();
      await screenshot(page, 'catalogue-types');
      assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('sanctions', () => {
  test('a regulator suspends an agency, the public sees it, and the regulator lifts it', async () => {
    const agency = '鹤庆新华水利水电勘测设计有限公司';
    const reason = `未按合同约定时限提交成果文件（${Date.now() % 100000}）`;
    const regulatorTab = await openPage(browser);
    let agencyPath;
    try {
      const { page } = regulatorTab;
      await signIn(page, 'reg.sw');
      await page.getByTestId('nav-agencies').click();
      await page.getByTestId('agency-search').fill('鹤庆新华');
      await page.getByTestId('agency-search').press('Enter');
      await page.getByTestId('agencies-table').getByRole('link', { name: agency }).click();
      await page.getByTestId('agency-review-page').waitFor();
      agencyPath = new URL(page.url()).pathname;

      await page.getByTestId('impose-sanction').click();
      const form = page.getByTestId('sanction-form');
      await form.getByLabel('处罚事由').fill(reason);
      await form.getByLabel('处罚依据').fill('《大理州中介服务超市管理办法》第三十条');
      // A suspension needs its end date.
      await page.locator('.ant-modal:visible').getByRole('button', { name: '实施处罚' }).click();
      await form.getByText('暂停处罚必须填写截止日期').waitFor();
      const ends = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
      await form.getByLabel('截止日期').fill(ends);
      await form.getByLabel('截止日期').press('Tab');
      const imposed = apiResponse(page, 'POST', /\/sanctions$/);
      await page.locator('.ant-modal:visible').getByRole('button', { name: '实施处罚' }).click();
      const response = await imposed;
      assert.equal(response.status(), 201);
      const sanction = await response.json();
      // The end of the chosen day in China Standard Time.
      assert.equal(new Date(sanction.endsAt).getTime(), new Date(`${ends}T00:00:00+08:00`).getTime() + 86_400_000);
      const row = page.getByTestId('sanctions-table').locator('.ant-table-row', { hasText: reason });
      await row.getByText('执行中').waitFor();
      await screenshot(page, 'sanction-imposed');

      const publicTab = await openPage(browser);
      try {
        const pub = publicTab.page;
        await pub.goto('/directory');
        await pub.getByTestId('directory-search').fill('鹤庆新华');
        await pub.getByTestId('directory-search').press('Enter');
        const entry = pub.getByTestId('directory-table').locator('.ant-table-row', { hasText: agency });
        await entry.getByText('处罚中').waitFor();
        await entry.getByRole('link', { name: agency }).click();
        await pub
          .getByTestId('public-sanctions')
          .locator('.ant-table-row', { hasText: reason })
          .getByText('执行中')
          .waitFor();
        await pub.getByText('该机构正处于处罚期，不能报名参与采购项目。').waitFor();
        await screenshot(pub, 'sanction-public-page');
        publicTab.assertClean();
      } finally {
        await publicTab.context.close();
      }

      await page.goto(agencyPath);
      await page.getByTestId(`lift-sanction-${sanction.id}`).click();
      await page.getByTestId('lift-form').getByLabel('解除理由').fill('已按要求完成整改');
      const lifted = apiResponse(page, 'POST', /\/lift$/);
      await page.locator('.ant-modal:visible').getByRole('button', { name: '提前解除' }).click();
      assert.equal((await lifted).status(), 204);
      await row.getByText('已解除').waitFor();
      await row.getByText('已按要求完成整改').waitFor();
      regulatorTab.assertClean();
    } finally {
      await regulatorTab.context.close();
    }
  });
});
