// Browser tests of the platform admin's corrections: an organisation's name and credit code
// (with the change history), a user's password reset and role change, and the user who must
// choose a new password after the reset. Each run makes its own organisation and users.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  creditCodeCheckChar,
  demoPassword,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  clickUntilSent,
} from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function tablesLoaded(page) {
  await page.locator('.ant-table-row').first().waitFor();
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
}

describe('platform admin corrections', () => {
  test('edits an organisation, resets a password and changes a role; the user must choose a new password', async () => {
    const admin = await openPage(browser);
    const staff = await openPage(browser);
    try {
      const { page } = admin;
      const suffix = String(Date.now()).slice(-7);
      const code17 = `11532924MB${suffix}`;
      const newCode17 = `11532924MC${suffix}`;
      const name = `宾川县测试局${suffix}`;
      const staffName = `e2e.reset.${suffix}`;

      // A fresh owner with a staff user, so the run can be repeated.
      await signIn(page, 'admin');
      await page.getByTestId('nav-organisations').click();
      await tablesLoaded(page);
      await page.getByTestId('create-organisation').click();
      const create = page.getByTestId('create-organisation-form');
      await create.getByLabel('单位名称').fill(name);
      await create.getByLabel('统一社会信用代码').fill(code17 + creditCodeCheckChar(code17));
      await create.getByLabel('所在地区').click();
      await page.locator('.ant-select-item-option[title="宾川县"]').click();
      await create.getByLabel('用户名').fill(`e2e.radmin.${suffix}`);
      await create.getByLabel('姓名').fill('测试管理员');
      await create.getByLabel('初始密码').fill(demoPassword);
      await page.getByRole('button', { name: '提交' }).click();
      await page.getByTestId('organisation-name').getByText(name).waitFor();
      await tablesLoaded(page);
      await page.getByTestId('add-user').click();
      const userForm = page.getByTestId('add-user-form');
      await userForm.getByLabel('用户名').fill(staffName);
      await userForm.getByLabel('姓名').fill('重置测试');
      await userForm.getByLabel('初始密码').fill(demoPassword);
      await page.getByRole('button', { name: '提交' }).click();
      const row = page.getByTestId('users-table').locator('.ant-table-row', { hasText: staffName });
      await row.getByText('项目业主经办人').waitFor();

      // The staff user is signed in elsewhere; the reset will end that session.
      await signIn(staff.page, staffName);

      // A name another owner already has (spaced differently) is refused on its field.
      await page.getByTestId('edit-organisation').click();
      const edit = page.getByTestId('edit-organisation-form');
      await edit.getByLabel('名称').fill('大理州交通建设投资集团 有限公司');
      await page.getByRole('button', { name: '保存' }).click();
      await edit.getByText('已有同类单位使用该名称').waitFor();
      await screenshot(page, 'admin-edit-organisation-name-taken');

      await edit.getByLabel('名称').fill(`${name}（更正）`);
      await edit.getByLabel('统一社会信用代码').fill(newCode17 + creditCodeCheckChar(newCode17));
      await page.getByRole('button', { name: '保存' }).click();
      await page.getByTestId('organisation-name').getByText(`${name}(更正)`).waitFor();
      const changes = page.getByTestId('organisation-changes');
      await changes.getByText(`${name}(更正)`).waitFor();
      await changes.getByText(newCode17 + creditCodeCheckChar(newCode17)).waitFor();
      await changes.getByText(code17 + creditCodeCheckChar(code17)).waitFor();

      // Reset with a generated password, shown once.
      await page.getByTestId(`reset-password-${staffName}`).click();
      await clickUntilSent(page, page.getByTestId('reset-password-ok'), 'PUT', /^\/api\/v1\/users\/\d+\/password$/);
      await page.getByTestId('temporary-password').waitFor({ timeout: 30_000 });
      const temporary = (await page.getByTestId('temporary-password').innerText()).trim();
      assert.ok(temporary.length >= 10, `temporary password ${temporary}`);
      await screenshot(page, 'admin-reset-password');
      await page.getByTestId('reset-password-ok').click();
      await changes.getByText(`重置 ${staffName} 的密码`).waitFor();

      // Promote the staff user to the organisation's administrator.
      await page.getByTestId(`change-role-${staffName}`).click();
      const roleForm = page.getByTestId('change-role-form');
      await roleForm.locator('.ant-select').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '项目业主管理员' }).click();
      await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
      await row.getByText('项目业主管理员').waitFor();
      await changes.getByText(`${staffName} 的角色`).waitFor();
      await screenshot(page, 'admin-organisation-changes');
      admin.assertClean();

      // The user's open session has ended; signing in with the temporary password leads
      // straight to choosing a new one, and then into the workspace with the new role.
      const s = staff.page;
      await s.reload();
      await s.waitForURL((url) => url.pathname === '/signin');
      await s.getByTestId('signin-username').fill(staffName);
      await s.getByTestId('signin-password').fill(temporary);
      await s.getByTestId('signin-submit').click();
      const forced = s.getByTestId('must-change-password');
      await forced.waitFor();
      await screenshot(s, 'must-change-password');
      await forced.getByLabel('临时密码').fill(temporary);
      await forced.getByLabel('新密码', { exact: true }).fill('My-Own@Password1');
      await forced.getByLabel('确认新密码').fill('My-Own@Password1');
      await forced.getByRole('button', { name: '保存' }).click();
      await forced.waitFor({ state: 'detached' });
      await s.goto('/workspace/organisation');
      await s.getByTestId('organisation-name').getByText(`${name}(更正)`).waitFor();
      await s.getByTestId('add-user').waitFor(); // an administrator's button
      staff.assertClean();
    } finally {
      await admin.context.close();
      await staff.context.close();
    }
  });
});

describe('service item codes', () => {
  test('an item agencies list shows its code fixed; an unlisted one can be recoded', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'admin');
      await page.getByTestId('nav-catalogItems').click();
      await page.getByTestId('items-table').locator('.ant-table-row').first().waitFor();

      // CW-013 is listed by demo agencies.
      await page.getByTestId('item-search').fill('CW-013');
      await page.getByTestId('item-search').press('Enter');
      await page.getByTestId('edit-item-CW-013').click();
      const form = page.getByTestId('item-form');
      await form.getByText('已固定：已有中介机构申报该事项').waitFor();
      assert.equal(await page.getByTestId('item-code').isDisabled(), true);
      await screenshot(page, 'catalogue-item-code-fixed');
      await page.keyboard.press('Escape');
      await form.waitFor({ state: 'hidden' });

      // AQ-002 is listed by nobody: its code stays editable.
      await page.getByTestId('item-search').fill('AQ-002');
      await page.getByTestId('item-search').press('Enter');
      await page.getByTestId('edit-item-AQ-002').click();
      await form.getByText('2–4 位大写字母').waitFor();
      assert.equal(await page.getByTestId('item-code').isDisabled(), false);
      assertClean();
    } finally {
      await context.close();
    }
  });
});
