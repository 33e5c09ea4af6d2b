// Phones (390×844): the portal and the workspace fit the screen, with no sideways scrolling,
// and their menus open as drawers. Also the conventions of a government site: the footer,
// tab titles, breadcrumbs and the larger-text mode.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, screenshot, signIn } from './browser.mjs';
import { assertAccessible, assertNoHorizontalOverflow, phone } from './layout.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The element's box lies inside the screen, once any sliding in (a drawer) has ended. */
async function assertOnScreen(locator, what) {
  let box;
  for (let i = 0; i < 20; i++) {
    box = await locator.boundingBox();
    if (box && box.x >= 0 && box.x + box.width <= phone.width) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(box ? `${what} spans ${box.x}–${box.x + box.width}px on a phone` : `${what} is not laid out`);
}

describe('on a phone', () => {
  test('the home page fits the screen and its menu opens as a drawer', async () => {
    const { page, context, assertClean } = await openPage(browser, { viewport: phone });
    try {
      await page.goto('/');
      await page.getByTestId('portal-regions').getByText('大理市').waitFor();
      await assertNoHorizontalOverflow(page, 'the home page');
      await assertOnScreen(page.getByTestId('signin-link'), '登录');
      await screenshot(page, 'phone-home');

      await page.getByTestId('open-menu').click();
      const drawer = page.locator('.ant-drawer-content');
      await drawer.getByTestId('nav-directory').waitFor();
      await assertOnScreen(drawer.getByTestId('language-switch'), 'the language switch');
      await screenshot(page, 'phone-home-menu');
      await assertAccessible(page, 'the home page with its menu open on a phone');
      await drawer.getByTestId('nav-directory').click();
      await page.waitForURL((url) => url.pathname === '/directory');
      await drawer.waitFor({ state: 'hidden' });
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('the directory fits the screen; its table scrolls inside its card', async () => {
    const { page, context, assertClean } = await openPage(browser, { viewport: phone });
    try {
      await page.goto('/directory');
      await page.locator('.ant-table-row').first().waitFor();
      await assertNoHorizontalOverflow(page, 'the directory');
      await screenshot(page, 'phone-directory');
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('a workspace page fits the screen and the menu is a drawer', async () => {
    const { page, context, assertClean } = await openPage(browser, { viewport: phone });
    try {
      await signIn(page, 'reg.zwfw');
      await page.goto('/workspace/reviews');
      await page.locator('.ant-table-row').first().waitFor();
      // No side menu squeezing the page: the content has the screen's width.
      assert.equal(await page.locator('.ant-layout-sider').count(), 0);
      const content = await page.locator('main').boundingBox();
      assert.ok(content.width >= phone.width - 1, `the content is ${content.width}px wide`);
      await assertNoHorizontalOverflow(page, 'the review queue');
      await screenshot(page, 'phone-workspace-reviews');

      await page.getByTestId('open-menu').click();
      const drawer = page.locator('.ant-drawer-content');
      await drawer.getByTestId('workspace-menu').waitFor();
      await drawer.getByTestId('signout').waitFor();
      await screenshot(page, 'phone-workspace-menu');
      await assertAccessible(page, 'the workspace menu on a phone');
      await drawer.getByTestId('nav-agencies').click();
      await page.waitForURL((url) => url.pathname === '/workspace/agencies');
      await drawer.waitFor({ state: 'hidden' });
      await page.locator('.ant-table-row').first().waitFor();
      await assertNoHorizontalOverflow(page, 'the agency list');
      assertClean();
    } finally {
      await context.close();
    }
  });

  test("an agency's application wizard fits the screen", async () => {
    const { page, context, assertClean } = await openPage(browser, { viewport: phone });
    try {
      await signIn(page, 'agency');
      await page.goto('/workspace/application?step=qualifications');
      await page.getByTestId('application-step-qualifications').waitFor();
      await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
      await assertNoHorizontalOverflow(page, 'the application wizard');
      await screenshot(page, 'phone-application');
      assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('government-site conventions', () => {
  test('the footer names the sponsor and contact, without filing numbers unless configured', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await page.goto('/');
      const footer = page.getByTestId('site-footer');
      await footer.getByText('主办单位：大理白族自治州人民政府政务服务管理局').waitFor();
      await footer.getByText('联系方式：政务服务便民热线 12345').waitFor();
      assert.equal(await footer.getByTestId('site-icp').count(), 0);
      assert.equal(await footer.getByTestId('site-psb').count(), 0);
      assertClean();
    } finally {
      await context.close();
    }
  });

  test("the tab title and the controls' names are in the UI language", async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await page.goto('/directory');
      await page.waitForFunction(() => document.title === '中介机构名录 - 大理州中介服务超市');
      // Icons are not read out by their English names; icon-only controls have translated names.
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByRole('button', { name: 'English', exact: true }).waitFor();
      await page.getByRole('button', { name: '下一页', exact: true }).waitFor();
      await page.getByTestId('language-switch').click();
      await page.waitForFunction(() => document.title === 'Agency directory - Dali Intermediary Services Marketplace');
      await page.getByRole('button', { name: '中文', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Next Page', exact: true }).waitFor();
      await page.getByTestId('language-switch').click();
      await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
      await page.goto('/signin');
      await page.waitForFunction(() => document.title === '用户登录 - 大理州中介服务超市');
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('workspace pages show where they are, as breadcrumbs and in the tab title', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'reg.zwfw');
      await page.getByTestId('nav-reviews').click();
      await page.locator('.ant-table-row').first().waitFor();
      await page.waitForFunction(() => document.title === '审核 - 大理州中介服务超市');
      await page.locator('.ant-table-row a').first().click();
      await page.waitForURL((url) => /^\/workspace\/reviews\/agencies\/\d+$/.test(url.pathname));
      const crumbs = page.getByTestId('breadcrumb');
      // The page's chunk loads as a transition: the crumbs follow once it has rendered.
      await crumbs.locator('.ant-breadcrumb-link', { hasText: '机构详情' }).waitFor();
      assert.deepEqual(
        (await crumbs.locator('.ant-breadcrumb-link').allInnerTexts()).map((s) => s.trim()),
        ['工作台', '审核', '机构详情'],
      );
      await page.waitForFunction(() => document.title === '机构详情 - 大理州中介服务超市');
      await crumbs.getByRole('link', { name: '审核' }).click();
      await page.waitForURL((url) => url.pathname === '/workspace/reviews');
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('the larger-text mode enlarges the text and is remembered', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await page.goto('/directory');
      const button = page.getByTestId('nav-directory');
      const fontSize = () => button.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
      // antd's buttons animate every property: wait for the size to settle.
      const settlesAt = (px) =>
        page.waitForFunction(
          (want) =>
            parseFloat(getComputedStyle(document.querySelector('[data-testid="nav-directory"]')).fontSize) === want,
          px,
        );
      assert.equal(await fontSize(), 14);
      const toggle = page.getByTestId('large-text-switch');
      assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
      await toggle.click();
      await page.waitForFunction(
        () => document.querySelector('[data-testid="large-text-switch"]').ariaPressed === 'true',
      );
      await settlesAt(18);
      await screenshot(page, 'large-text-directory');

      await page.reload();
      await page.getByTestId('large-text-switch').waitFor();
      assert.equal(await page.getByTestId('large-text-switch').getAttribute('aria-pressed'), 'true');
      assert.equal(await fontSize(), 18, 'the larger-text mode is forgotten after a reload');
      await page.getByTestId('large-text-switch').click();
      await settlesAt(14);
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('an approved agency links to its own public page', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'agency');
      await page.getByTestId('nav-application').click();
      await page.getByTestId('public-profile-link').click();
      await page.waitForURL((url) => /^\/directory\/\d+$/.test(url.pathname));
      await page.getByText('大理苍洱工程咨询有限公司').first().waitFor();
      // The tab names the agency.
      await page.waitForFunction(() => document.title === '大理苍洱工程咨询有限公司 - 大理州中介服务超市');
      assertClean();
    } finally {
      await context.close();
    }
  });
});
