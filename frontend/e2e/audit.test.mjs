// Browser test of the audit view and the open-data page: a regulator sees an awarded
// announcement's and a contract's chain verified, with every event; an owner does not see the
// view; anyone reads the open-data page and the OCDS release package it links to. On a phone
// nothing overflows. The training clock is left alone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage, screenshot, signIn } from './browser.mjs';
import { assertAccessible, assertNoHorizontalOverflow, phone } from './layout.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** GETs an API path in the page's session and returns the JSON. */
async function getJSON(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p);
    if (!res.ok) throw new Error(`${p}: ${res.status}`);
    return res.json();
  }, path);
}

describe('audit view', () => {
  test("a regulator sees an announcement's and a contract's chain verified", async () => {
    const { page, context, assertClean } = await openPage(browser);
    const mobile = await openPage(browser, { viewport: phone });
    try {
      await signIn(page, 'reg.zwfw');
      const list = await getJSON(page, '/api/v1/announcements?status=awarded');
      assert.ok(list.items.length > 0, 'the demo has an awarded announcement');
      const id = list.items[0].id;
      await page.goto(`/workspace/announcements/${id}`);
      const panel = page.getByTestId('audit-panel');
      await panel.getByTestId('audit-verified').waitFor({ timeout: 30_000 });
      await panel.getByText('查看审计记录').click();
      await panel.getByTestId('audit-event-1').waitFor();
      await panel.getByText('发布公告').first().waitFor();
      await panel.getByText('公示期满，确定成交').first().waitFor();
      await screenshot(page, 'audit-announcement');

      const contracts = await getJSON(page, '/api/v1/contracts');
      assert.ok(contracts.items.length > 0, 'the demo has a contract');
      await page.goto(`/workspace/contracts/${contracts.items[0].id}`);
      await page.getByTestId('audit-panel').getByTestId('audit-verified').waitFor({ timeout: 30_000 });

      await signIn(mobile.page, 'reg.zwfw');
      await mobile.page.goto(`/workspace/announcements/${id}`);
      const small = mobile.page.getByTestId('audit-panel');
      await small.getByTestId('audit-verified').waitFor({ timeout: 30_000 });
      await small.getByText('查看审计记录').click();
      await small.getByTestId('audit-event-1').getByText('详情').click();
      await small.getByTestId('audit-event-1').locator('pre').first().waitFor();
      await assertNoHorizontalOverflow(mobile.page, 'the audit view');
      await screenshot(mobile.page, 'phone-audit-announcement');
      // Only the audit panel: the page's selection table is another feature's.
      const axe = await new AxeBuilder({ page: mobile.page })
        .include('[data-testid="audit-panel"]')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .analyze();
      const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(
        bad.map((v) => v.id),
        [],
        'the audit panel has no serious accessibility violation',
      );
      assertClean();
      mobile.assertClean();
    } finally {
      await context.close();
      await mobile.context.close();
    }
  });

  test('an owner does not see the audit view of its own announcement', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'owner');
      const list = await getJSON(page, '/api/v1/announcements');
      const own = list.items.find((a) => a.status !== 'draft') ?? list.items[0];
      assert.ok(own, 'the demo owner has an announcement');
      await page.goto(`/workspace/announcements/${own.id}`);
      await page.getByTestId('announcement-title').waitFor({ timeout: 30_000 });
      assert.equal(await page.getByTestId('audit-panel').count(), 0);
      assertClean();
    } finally {
      await context.close();
    }
  });
});

describe('open data', () => {
  test('the public page explains the OCDS endpoints and links to the releases', async () => {
    const { page, context, assertClean } = await openPage(browser, { viewport: phone });
    try {
      await page.goto('/');
      await page.getByTestId('site-open-data').click();
      await page.waitForURL((url) => url.pathname === '/open-data');
      await page.getByRole('heading', { name: '开放数据', level: 1 }).waitFor();
      const href = await page.getByTestId('open-data-releases').getAttribute('href');
      const pkg = await getJSON(page, href);
      assert.equal(pkg.version, '1.1');
      assert.ok(pkg.releases.length > 0, 'the release package has releases');
      assert.ok(pkg.releases.every((r) => r.ocid && r.tag.length > 0));
      await assertNoHorizontalOverflow(page, 'the open-data page');
      await screenshot(page, 'phone-open-data');
      await assertAccessible(page, 'the open-data page');
      assertClean();
    } finally {
      await context.close();
    }
  });
});
