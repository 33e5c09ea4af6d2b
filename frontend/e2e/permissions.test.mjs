// Browser tests of permission-aware pages: each page offers only the actions the server lists
// for the signed-in user on that object, so no button ends in a 403 or a refusal.
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

// Demo agencies: one whose application waits for review (environment items), one approved.
const pendingAgency = '漾濞核桃林生态咨询有限公司';

/** The id of the demo agency named `name`, asked through the signed-in page's session. */
async function agencyId(page, name) {
  const response = await page.request.get(`/api/v1/organisations?kind=agency&q=${encodeURIComponent(name)}`);
  assert.equal(response.status(), 200);
  const { items } = await response.json();
  const org = items.find((o) => o.name === name);
  assert.ok(org, `no agency ${name}`);
  return org.id;
}

/** Collects the API answers 403 (and 409) the page receives: there must be none. */
function watchRefusals(page) {
  const refused = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/') && [403, 409].includes(r.status()))
      refused.push(`${r.request().method()} ${r.url()} → ${r.status()}`);
  });
  return refused;
}

const decisionButtons = '[data-testid$="-approve"], [data-testid$="-reject"]';

describe('permission-aware review pages', () => {
  test('the environment regulator sees no decision on an application it may not decide, and no sanction before approval', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      const refused = watchRefusals(page);
      await signIn(page, 'reg.sthj');
      const orgId = await agencyId(page, pendingAgency);
      const session = await (await page.request.get('/api/v1/auth/session')).json();
      const application = await (await page.request.get(`/api/v1/agencies/${orgId}/application`)).json();
      const listing = application.listings.find(
        (l) => l.pendingStatus === 'submitted' && l.regulatorId === session.organisation.id,
      );
      assert.ok(listing, 'the pending agency has a submitted listing of an environment item');

      // The application with its qualifications waiting for the government service bureau.
      await page.goto(`/workspace/agencies/${orgId}`);
      await page.getByTestId('review-agency-name').getByText(pendingAgency).waitFor();
      await page
        .getByTestId('review-qualifications')
        .locator('[data-testid^="review-qualification-"]')
        .first()
        .waitFor();
      await page.getByTestId('sanctions-table').waitFor();
      assert.equal(
        await page.locator(decisionButtons).count(),
        0,
        'decision buttons on an application it may not decide',
      );
      assert.equal(await page.getByTestId('profile-decision').count(), 0);
      // Not yet approved: nobody may sanction it.
      assert.equal(
        await page.getByTestId('impose-sanction').count(),
        0,
        'the sanction button on an agency not approved',
      );
      await screenshot(page, 'permissions-item-regulator-application');

      // Its listing waits for the agency's approval: in the queue and on its page.
      await page.goto('/workspace/reviews');
      await page.getByTestId(`waiting-listing-${listing.id}`).waitFor();
      await page.getByTestId(`review-listing-${listing.id}`).getByText('查看').waitFor();
      await page.getByTestId(`review-listing-${listing.id}`).click();
      await page.getByTestId('listing-waiting').getByText('待入驻审核通过后再审核').waitFor();
      assert.equal(await page.locator(decisionButtons).count(), 0, 'decision buttons on a waiting listing');
      await screenshot(page, 'permissions-waiting-listing');

      assert.deepEqual(refused, []);
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('the government service bureau decides the qualifications, but may not sanction an agency not approved', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      const refused = watchRefusals(page);
      await signIn(page, 'reg.zwfw');
      const orgId = await agencyId(page, pendingAgency);
      await page.goto(`/workspace/reviews/agencies/${orgId}`);
      await page.getByTestId('review-agency-name').getByText(pendingAgency).waitFor();
      await page.locator('[data-testid^="qualification-"][data-testid$="-approve"]').first().waitFor();
      // The application can be returned now; approved only once its qualifications are decided.
      await page.getByTestId('profile-reject').waitFor();
      assert.ok(await page.getByTestId('profile-approve').isDisabled());
      await page.getByTestId('sanctions-table').waitFor();
      assert.equal(await page.getByTestId('impose-sanction').count(), 0);
      assert.deepEqual(refused, []);
      assertClean();
    } finally {
      await context.close();
    }
  });

  test('a regulator may sanction an approved agency', async () => {
    const { page, context, assertClean } = await openPage(browser);
    try {
      await signIn(page, 'reg.sthj');
      const orgId = await agencyId(page, '云南洱海环境科技有限公司');
      await page.goto(`/workspace/agencies/${orgId}`);
      await page.getByTestId('impose-sanction').waitFor();
      assert.equal(await page.locator(decisionButtons).count(), 0);
      assertClean();
    } finally {
      await context.close();
    }
  });
});
