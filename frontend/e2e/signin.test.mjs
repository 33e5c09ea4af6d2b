// Browser tests against a running server with demo data (scripts/e2e.sh starts one):
// the portal in both languages, sign-in errors, and each role's workspace and menu.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { creditCodeCheckChar, demoPassword, launchBrowser, openPage, screenshot } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Clicks the header's language switch and waits until the page speaks `lang`. */
async function switchLanguage(page, lang) {
  await page.getByTestId('language-switch').click();
  await page.waitForFunction((want) => document.documentElement.lang === want, lang);
}

async function signIn(page, username, password = demoPassword) {
  await page.goto('/signin');
  await page.getByTestId('signin-username').fill(username);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

async function menuLabels(page) {
  const menu = page.getByTestId('workspace-menu');
  await menu.waitFor();
  return (await menu.locator('[data-testid^="nav-"]').allInnerTexts()).map((s) => s.trim());
}

describe('portal', () => {
  test('renders in Chinese by default and in English after switching', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await page.goto('/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
      await page.getByText('大理州中介服务超市').first().waitFor();
      await page.getByText('中介服务网上交易平台').waitFor();
      await page.getByRole('link', { name: '登录' }).first().waitFor();
      await page.getByText('中介机构入驻').first().waitFor();
      // The figures and the 13 regions come from the API.
      await page.getByTestId('portal-regions').getByText('大理市').waitFor();
      assert.equal(await page.getByTestId('portal-regions').locator('.ant-card').count(), 13);
      const owners = await page.getByTestId('figure-owners').locator('.ant-statistic-content').innerText();
      assert.match(owners, /^\d+$/);
      await screenshot(page, 'portal-zh-CN');

      await switchLanguage(page, 'en-US');
      await page.getByText('Dali Intermediary Services Marketplace').first().waitFor();
      await page.getByText('How it works').waitFor();
      await page.getByTestId('portal-regions').getByText('Dali City').waitFor();
      await screenshot(page, 'portal-en-US');

      // Anonymous visitors keep their choice in this browser.
      await page.reload();
      await page.getByText('How it works').waitFor();
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('shows a translated 404 page', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await page.goto('/no/such/page');
      await page.getByText('页面不存在', { exact: true }).waitFor();
      assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('agency sign-up', () => {
  test('checks the credit code, shows server field errors, and submits', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      const suffix = String(Date.now()).slice(-7); // unique per run: credit codes and usernames are
      const code17 = `91532901MA${suffix}`;
      await page.goto('/signup/agency');
      const form = page.getByTestId('agency-signup-form');
      await form.getByLabel('机构名称').fill(`大理测试工程咨询有限公司${suffix}`);
      // A typo in the check character is caught in the browser.
      await page.getByTestId('signup-credit-code').fill(code17 + (creditCodeCheckChar(code17) === '0' ? '1' : '0'));
      await page.getByTestId('signup-credit-code').blur();
      await form.getByText('校验位不正确').waitFor();
      await page.getByTestId('signup-credit-code').fill(code17 + creditCodeCheckChar(code17));
      await form.getByLabel('所在地区').click();
      await page.locator('.ant-select-item-option[title="大理市"]').click();
      await form.getByLabel('联系人姓名').fill('测试联系人');
      await form.getByLabel('联系电话').fill('0872-2123456');
      await form.getByLabel('用户名').fill('agency'); // a demo account has it
      await form.getByLabel('姓名', { exact: true }).fill('测试管理员');
      await form.getByLabel('密码', { exact: true }).fill(demoPassword);
      await form.getByLabel('确认密码').fill(demoPassword);
      await page.getByTestId('signup-submit').click();
      await form.getByText('该用户名已被使用').waitFor();
      await screenshot(page, 'signup-username-taken');

      await form.getByLabel('用户名').fill(`e2e.${suffix}`);
      await page.getByTestId('signup-submit').click();
      await page.getByTestId('signup-submitted').getByText('入驻申请尚未提交').waitFor();
      assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('sign-in', () => {
  test('a wrong password shows the translated error', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      // An account no other test signs in with, so its failure count disturbs nobody.
      await signIn(page, 'agency.pending', 'not-the-password');
      const error = page.getByTestId('signin-error');
      await error.getByText('用户名或密码错误').waitFor();
      await screenshot(page, 'signin-wrong-password-zh-CN');

      await switchLanguage(page, 'en-US');
      await page.getByTestId('signin-submit').click();
      await error.getByText('Wrong username or password.').waitFor();
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('an agency awaiting review sees the notice', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'agency.pending');
      await page.getByTestId('pending-review').getByText('入驻申请审核中').waitFor();
      await screenshot(page, 'workspace-agency-pending');
      await page.getByTestId('signout').click();
      await page.waitForURL((url) => url.pathname === '/');
      assertClean();
    } finally {
      await context.close();
    }
  });
});

// What each demo account must see in its side menu, in both languages.
const accounts = [
  {
    username: 'admin',
    role: '平台管理员',
    // The training clock is listed because the browser tests' server runs it.
    zh: [
      '工作台',
      '审核',
      '中介机构',
      '服务事项目录',
      '资质类型',
      '工作日历',
      '培训时钟',
      '组织机构',
      '投资项目库',
      '采购公告',
      '交易规则',
      '预警规则',
      '风险提示阈值',
      '账户',
    ],
    en: [
      'Workspace',
      'Reviews',
      'Agencies',
      'Service catalogue',
      'Qualification types',
      'Working-day calendar',
      'Training clock',
      'Organisations',
      'Project library',
      'Announcements',
      'Marketplace rules',
      'Warning rules',
      'Red flag thresholds',
      'Account',
    ],
  },
  {
    username: 'reg.zwfw',
    role: '监管人员',
    zh: [
      '工作台',
      '统计分析',
      '审核',
      '中介机构',
      '组织机构',
      '投资项目库',
      '采购公告',
      '合同管理',
      '履约监管',
      '风险提示',
      '预警',
      '投诉处理',
      '账户',
    ],
    en: [
      'Workspace',
      'Dashboard',
      'Reviews',
      'Agencies',
      'Organisations',
      'Project library',
      'Announcements',
      'Contracts',
      'Performance',
      'Red flags',
      'Warnings',
      'Complaints',
      'Account',
    ],
  },
  {
    username: 'owner',
    role: '项目业主管理员',
    zh: ['工作台', '投资项目库', '采购公告', '合同管理', '预警', '投诉处理', '消息通知', '本单位', '账户'],
    en: [
      'Workspace',
      'Project library',
      'Announcements',
      'Contracts',
      'Warnings',
      'Complaints',
      'Notifications',
      'My organisation',
      'Account',
    ],
  },
  {
    username: 'owner.staff',
    role: '项目业主经办人',
    zh: ['工作台', '投资项目库', '采购公告', '合同管理', '预警', '投诉处理', '消息通知', '本单位', '账户'],
    en: [
      'Workspace',
      'Project library',
      'Announcements',
      'Contracts',
      'Warnings',
      'Complaints',
      'Notifications',
      'My organisation',
      'Account',
    ],
  },
  {
    username: 'agency',
    role: '中介机构管理员',
    zh: ['工作台', '可报名项目', '我的报名', '合同管理', '预警', '投诉处理', '入驻申请', '消息通知', '本单位', '账户'],
    en: [
      'Workspace',
      'Opportunities',
      'My registrations',
      'Contracts',
      'Warnings',
      'Complaints',
      'Application',
      'Notifications',
      'My organisation',
      'Account',
    ],
  },
  {
    username: 'agency.staff',
    role: '中介机构从业人员',
    zh: ['工作台', '可报名项目', '我的报名', '合同管理', '预警', '投诉处理', '入驻申请', '消息通知', '本单位', '账户'],
    en: [
      'Workspace',
      'Opportunities',
      'My registrations',
      'Contracts',
      'Warnings',
      'Complaints',
      'Application',
      'Notifications',
      'My organisation',
      'Account',
    ],
  },
];

describe('workspace per role', () => {
  for (const account of accounts) {
    test(`${account.username} sees the ${account.role} menu in both languages`, async () => {
      const { page, context, assertClean } = await openPage(browser);
      try {
        await signIn(page, account.username);
        await page.waitForURL((url) => url.pathname === '/workspace');
        // A rerun against the same database may find English saved on the account.
        if ((await page.locator('html').getAttribute('lang')) !== 'zh-CN') await switchLanguage(page, 'zh-CN');

        assert.deepEqual(await menuLabels(page), account.zh);
        await page.getByTestId('welcome-role').getByText(account.role, { exact: true }).waitFor();
        await screenshot(page, `workspace-${account.username}-zh-CN`);

        // The menu's second entry opens its page (the dashboard, reviews, the application or own organisation).
        await page.locator('[data-testid^="nav-"]').nth(1).click();
        await page.locator('main .ant-card-head-title').first().waitFor();
        await page.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached' });
        await screenshot(page, `workspace-${account.username}-page-zh-CN`);

        await switchLanguage(page, 'en-US');
        assert.deepEqual(await menuLabels(page), account.en);
        await screenshot(page, `workspace-${account.username}-page-en-US`);

        // The choice is saved on the account: it survives a reload (a fresh session read).
        await page.reload();
        await page.getByTestId('workspace-menu').getByText('Account').waitFor();

        // Leave the account as we found it, then sign out.
        const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/language') && r.ok());
        await switchLanguage(page, 'zh-CN');
        await saved;
        await page.getByTestId('signout').click();
        await page.waitForURL((url) => url.pathname === '/');
        await page.getByTestId('signin-link').waitFor();
        assertClean();
      } finally {
        await context.close();
      }
    });
  }
});
