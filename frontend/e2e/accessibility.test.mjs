// axe-core on every public page and on one page per role: no serious or critical violations
// (WCAG 2.1 A and AA, and axe's best practices).
import { after, before, describe, test } from 'node:test';
import { launchBrowser, openPage, signIn } from './browser.mjs';
import { assertAccessible } from './layout.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** Opens `path` and waits until `ready` (a locator factory) shows and nothing is loading. */
async function visit(page, path, ready) {
  await page.goto(path);
  await ready(page).first().waitFor();
  await page.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached' });
}

const publicPages = [
  { name: 'the home page', path: '/', ready: (p) => p.getByTestId('portal-regions').locator('.ant-card') },
  { name: 'the directory', path: '/directory', ready: (p) => p.locator('.ant-table-row') },
  { name: 'the sign-in page', path: '/signin', ready: (p) => p.getByTestId('signin-username') },
  { name: 'the agency sign-up page', path: '/signup/agency', ready: (p) => p.locator('form') },
];

describe('public pages', () => {
  for (const { name, path, ready } of publicPages) {
    test(`${name} has no serious accessibility violations`, async () => {
      const { page, context, assertClean } = await openPage(browser);
      try {
        await visit(page, path, ready);
        await assertAccessible(page, name);
        assertClean();
      } finally {
        await context.close();
      }
    });
  }

  test("an agency's public page has no serious accessibility violations", async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await visit(page, '/directory', (p) => p.locator('.ant-table-row'));
      await page.locator('.ant-table-row a').first().click();
      await page.waitForURL((url) => /^\/directory\/\d+$/.test(url.pathname));
      await page.getByTestId('public-qualifications').waitFor();
      await page.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached' });
      await assertAccessible(page, "an agency's public page");
      assertClean();
    } finally {
      await context.close();
    }
  });
});

// One working page per role, each with a table or a form to check.
const rolePages = [
  { user: 'admin', path: '/workspace/catalog/items', ready: (p) => p.locator('.ant-table-row') },
  { user: 'reg.zwfw', path: '/workspace/reviews', ready: (p) => p.locator('.ant-table-row') },
  { user: 'owner', path: '/workspace/organisation', ready: (p) => p.locator('.ant-table-row') },
  { user: 'agency', path: '/workspace/application', ready: (p) => p.getByTestId('application-steps') },
];

describe('workspace pages', () => {
  for (const { user, path, ready } of rolePages) {
    test(`${path} as ${user} has no serious accessibility violations`, async () => {
      const { page, context, assertClean } = await openPage(browser);
      try {
        await signIn(page, user);
        await visit(page, path, ready);
        await assertAccessible(page, `${path} as ${user}`);
        assertClean();
      } finally {
        await context.close();
      }
    });
  }
});
