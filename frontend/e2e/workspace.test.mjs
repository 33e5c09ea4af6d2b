// Browser tests of the workspace pages beyond the menu: managing organisations and users,
// read-only views, and the account page. Each run makes its own organisation and users.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { creditCodeCheckChar, demoPassword, launchBrowser, openPage, screenshot, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Resolves once the tables on the page have finished loading. */
async function tablesLoaded(page) {
  await page.locator('.ant-table-row').first().waitFor();
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
}

describe('platform admin', () => {
  test('creates an owner with its admin, adds a user, disables and enables them', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      const suffix = String(Date.now()).slice(-7);
      const code17 = `11532923MB${suffix}`;
      await signIn(page, 'admin');
      await page.getByTestId('nav-organisations').click();
      await tablesLoaded(page);

      await page.getByTestId('organisation-search').fill('政务服务');
      await page.getByTestId('organisation-search').press('Enter');
      await page.getByRole('link', { name: '大理州政务服务管理局' }).waitFor();

      await page.getByTestId('create-organisation').click();
      const form = page.getByTestId('create-organisation-form');
      await form.getByLabel('单位名称').fill(`祥云县测试局${suffix}`);
      await form.getByLabel('统一社会信用代码').fill(code17 + creditCodeCheckChar(code17));
      await form.getByLabel('所在地区').click();
      await page.locator('.ant-select-item-option[title="祥云县"]').click();
      await form.getByLabel('用户名').fill(`e2e.owner.${suffix}`);
      await form.getByLabel('姓名').fill('测试业主管理员');
      await form.getByLabel('初始密码').fill(demoPassword);
      await screenshot(page, 'admin-create-organisation');
      await page.getByRole('button', { name: '提交' }).click();

      await page.getByTestId('organisation-name').getByText(`祥云县测试局${suffix}`).waitFor();
      await tablesLoaded(page);
      await page.getByText(`e2e.owner.${suffix}`).waitFor();

      await page.getByTestId('add-user').click();
      const userForm = page.getByTestId('add-user-form');
      await userForm.getByLabel('用户名').fill(`e2e.staff.${suffix}`);
      await userForm.getByLabel('姓名').fill('测试经办人');
      await userForm.getByLabel('初始密码').fill(demoPassword);
      await page.getByRole('button', { name: '提交' }).click();
      const row = page.locator('.ant-table-row', { hasText: `e2e.staff.${suffix}` });
      await row.getByText('项目业主经办人').waitFor();

      await page.getByTestId(`disable-e2e.staff.${suffix}`).click();
      await page.locator('.ant-popconfirm').getByRole('button', { name: '确定' }).click();
      await row.getByText('已停用').waitFor();
      await page.getByTestId(`enable-e2e.staff.${suffix}`).click();
      await row.getByText('启用', { exact: true }).first().waitFor();
      await page.getByTestId(`disable-e2e.staff.${suffix}`).waitFor();
      await screenshot(page, 'admin-organisation-detail');
      assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('read-only views', () => {
  test('a regulator sees organisations and their users without management buttons', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'reg.zwfw');
      await page.getByTestId('nav-organisations').click();
      await tablesLoaded(page);
      assert.equal(await page.getByTestId('create-organisation').count(), 0);
      // Over a hundred organisations: find it by name rather than by page.
      await page.getByTestId('organisation-search').fill('大理市住房');
      await page.getByTestId('organisation-search').press('Enter');
      await page.getByRole('link', { name: '大理市住房和城乡建设局' }).click();
      await page.getByTestId('organisation-name').waitFor();
      await tablesLoaded(page);
      await page.getByText('owner.staff').waitFor();
      assert.equal(await page.getByTestId('add-user').count(), 0);
      assert.equal(await page.locator('[data-testid^="disable-"]').count(), 0);
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('owner staff see their organisation without management buttons', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'owner.staff');
      await page.getByTestId('nav-myOrganisation').click();
      await tablesLoaded(page);
      await page.getByTestId('organisation-name').getByText('大理市住房和城乡建设局').waitFor();
      assert.equal(await page.getByTestId('add-user').count(), 0);
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('pages outside the role are refused', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'agency.staff');
      await page.goto('/workspace/organisations');
      await page.getByText('您没有权限访问此页面。').waitFor();
      assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('account', () => {
  test('a wrong current password is reported on its field', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'agency.staff');
      await page.getByTestId('nav-account').click();
      const form = page.getByTestId('change-password-form');
      await form.getByLabel('当前密码').fill('definitely-not-it');
      await form.getByLabel('新密码', { exact: true }).fill('Another@Password1');
      await form.getByLabel('确认新密码').fill('Another@Password1');
      await form.getByRole('button', { name: '保存' }).click();
      await form.getByText('当前密码不正确').waitFor();
      await screenshot(page, 'account-wrong-current-password');
      assertClean();
    } finally {
      await context.close();
    }
  });
});
