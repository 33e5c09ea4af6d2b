// Browser tests of the to-do workspace and of telling people: a suspended agency sees its
// sanction on every workspace page and the notification about it; a blacklisted one sees its
// blacklisting; a regulator's to-do count leads to a list with exactly that many rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, screenshot, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The number a to-do task shows. */
async function todoCount(page, key) {
  const text = await page.getByTestId(`todo-count-${key}`).innerText();
  return Number(text.replace(/\D/g, ''));
}

describe('sanctioned agencies are told', () => {
  test('a suspended agency sees its sanction on every workspace page, and the notification', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'agency.jizushan');
      const banner = page.getByTestId('sanction-banner');
      await banner.getByText('本机构正处于处罚期：暂停').waitFor();
      await banner.getByText('承接的监理项目未按承诺时限提交成果').waitFor();
      assert.match(
        await page.getByTestId('sanction-banner-until').innerText(),
        /期限：至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
      );

      // The home page is a to-do board; its unread count is the unread rows of the list it opens.
      await page.getByTestId('todo-board').waitFor();
      const unread = await todoCount(page, 'unreadNotifications');
      assert.ok(unread >= 1, `unread notifications ${unread}, want at least the sanction`);
      await screenshot(page, 'todo-agency-suspended');
      await page.getByTestId('todo-unreadNotifications').click();
      await page.waitForURL((url) => url.pathname === '/workspace/notifications');
      const list = page.getByTestId('notifications-list');
      await list.getByText('本机构被处罚').waitFor();
      await list.getByText(/本机构被处以暂停，事由：承接的监理项目未按承诺时限提交成果/).waitFor();
      assert.equal(await list.getByText('· 未读').count(), unread);
      // …and the banner is on this page too, and on the application.
      await page.getByTestId('sanction-banner').waitFor();
      await screenshot(page, 'notifications-agency-suspended');
      await page.getByTestId('nav-application').click();
      await page.waitForURL((url) => url.pathname === '/workspace/application');
      await page.getByTestId('sanction-banner').getByText('暂停', { exact: false }).first().waitFor();

      // In English too.
      await page.getByTestId('language-switch').click();
      await page.getByTestId('sanction-banner').getByText('Your agency is under sanction: Suspension').waitFor();
      await page.getByTestId('language-switch').click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('a blacklisted agency sees its blacklisting', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'agency.yunnanyi');
      const banner = page.getByTestId('sanction-banner');
      await banner.getByText('本机构正处于处罚期：黑名单').waitFor();
      await banner.getByText('在入驻申请中提供虚假的检测资质证书').waitFor();
      await screenshot(page, 'todo-agency-blacklisted');
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('an agency in good standing sees no banner', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'agency.erhai');
      await page.getByTestId('todo-board').waitFor();
      await page.getByTestId('todo-count-unreadNotifications').waitFor();
      assert.equal(await page.getByTestId('sanction-banner').count(), 0);
      assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('to-do board', () => {
  test("a regulator's counts open lists with as many rows, filtered alike", async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'reg.zwfw');
      await page.getByTestId('todo-board').waitFor();
      await page.getByTestId('todo-count-sanctionsInForce').waitFor();
      await screenshot(page, 'todo-regulator');

      const sanctioned = await todoCount(page, 'sanctionsInForce');
      assert.ok(sanctioned >= 2, `agencies under sanction ${sanctioned}, want the demo's two at least`);
      await page.getByTestId('todo-sanctionsInForce').click();
      await page.waitForURL(
        (url) => url.pathname === '/workspace/agencies' && url.searchParams.get('sanction') === 'in_force',
      );
      const table = page.getByTestId('agencies-table');
      await table.getByText('宾川鸡足山建设监理有限公司').waitFor();
      assert.equal(await table.locator('.ant-table-row').count(), sanctioned);
      await page.getByTestId('agency-sanction-filter').getByText('处罚期内').waitFor();
      await screenshot(page, 'agencies-under-sanction');

      await page.getByTestId('nav-home').click();
      const reviews = await todoCount(page, 'applicationReviews');
      await page.getByTestId('todo-applicationReviews').click();
      await page.waitForURL(
        (url) => url.pathname === '/workspace/reviews' && url.searchParams.get('subject') === 'profile',
      );
      const queue = page.getByTestId('review-queue');
      if (reviews > 0) await queue.locator('.ant-table-row').first().waitFor();
      assert.equal(await queue.locator('.ant-table-row').count(), Math.min(reviews, 20));

      // The red warnings: the list filtered to red, as many as the board said, every one red.
      // The minute job raises them once the server has started: wait for its first run.
      await page.getByTestId('nav-home').click();
      let red = await todoCount(page, 'redWarnings');
      for (let i = 0; red === 0 && i < 90; i++) {
        await page.waitForTimeout(1000);
        await page.reload();
        red = await todoCount(page, 'redWarnings');
      }
      assert.ok(red >= 1, `red warnings ${red}, want the demo's late contract registrations`);
      await page.getByTestId('todo-redWarnings').click();
      await page.waitForURL((url) => url.pathname === '/workspace/warnings' && url.searchParams.get('level') === 'red');
      const warnings = page.getByTestId('warnings');
      await warnings.locator('.ant-table-row').first().waitFor();
      assert.equal(await warnings.locator('.ant-table-row').count(), Math.min(red, 20));
      assert.equal(await warnings.locator('[data-level="yellow"]').count(), 0);
      assert.match(await page.getByTestId('warning-counts').innerText(), new RegExp(`红色 ${red}$`));
      await screenshot(page, 'todo-red-warnings');
      assertClean();
    } finally {
      await context.close();
    }
  });
});
