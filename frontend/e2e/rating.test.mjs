// Browser test of ratings and the credit score: both sides rate the demo's completed contract,
// and the agency's public page in the directory shows the new averages and credit score.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiResponse, launchBrowser, openPage, screenshot, signIn } from './browser.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** GET/PUT a JSON API path with the page's session; returns { status, body }. */
async function apiCall(page, method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, path, body },
  );
}

/** The first enabled user of organisation orgId with one of roles, as the platform admin sees it. */
async function userOf(page, orgId, roles) {
  const res = await apiCall(page, 'GET', `/api/v1/organisations/${orgId}/users`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const user = [...res.body.items].sort((a, b) => a.id - b.id).find((u) => !u.disabled && roles.includes(u.role));
  assert.ok(user, `organisation ${orgId} has a user with role ${roles}`);
  return user.username;
}

test('both sides rate a completed contract; the agency profile shows the averages and credit score', async () => {
  // The contract the demo completed and left open to rating, as a regulator sees it.
  const { page, context, assertClean } = await openPage(browser);
  let contract;
  let ownerUser;
  let agencyUser;
  try {
    await signIn(page, 'reg.zwfw');
    const list = await apiCall(page, 'GET', '/api/v1/contracts?status=completed');
    assert.equal(list.status, 200, JSON.stringify(list.body));
    for (const c of list.body.items) {
      const r = await apiCall(page, 'GET', `/api/v1/contracts/${c.id}/ratings`);
      if (r.status === 200 && !r.body.agencyRating && !r.body.ownerRating) {
        contract = c;
        break;
      }
    }
    assert.ok(contract, 'the demo has a completed contract nobody has rated');
    await context.clearCookies();
    await signIn(page, 'admin');
    ownerUser = await userOf(page, contract.ownerId, ['owner_staff', 'owner_admin']);
    agencyUser = await userOf(page, contract.agencyId, ['agency_staff', 'agency_admin']);
  } finally {
    await context.close();
  }
  assertClean();

  // Before: the public credit score and rating count of the agency.
  const anon = await openPage(browser, { viewport: { width: 390, height: 844 } });
  let before;
  try {
    await anon.page.goto('/');
    before = (await apiCall(anon.page, 'GET', `/api/v1/agencies/${contract.agencyId}/credit`)).body;
  } finally {
    await anon.context.close();
  }

  // On the contract page, the owner rates the agency and the agency rates the owner.
  for (const [username, form, dims, path, comment] of [
    [
      ownerUser,
      'rate-agency',
      [
        ['服务质量', 5],
        ['服务时效', 5],
        ['服务态度', 5],
        ['服务收费', 4],
        ['服务规范', 5],
      ],
      /\/agency-rating$/,
      '浏览器测试：报告质量高。',
    ],
    [
      agencyUser,
      'rate-owner',
      [
        ['需求明确', 4],
        ['配合程度', 5],
        ['付款及时', 5],
      ],
      /\/owner-rating$/,
      '',
    ],
  ]) {
    const side = await openPage(browser);
    try {
      await signIn(side.page, username);
      await side.page.goto(`/workspace/contracts/${contract.id}`);
      const panel = side.page.getByTestId('rating-panel');
      await panel.waitFor();
      const f = panel.getByTestId(form);
      await f.waitFor();
      for (const [label, stars] of dims) {
        await f
          .locator('.ant-form-item')
          .filter({ hasText: label })
          .locator('.ant-rate-star')
          .nth(stars - 1)
          .click();
      }
      if (comment) await f.locator('textarea').fill(comment);
      const saved = apiResponse(side.page, 'PUT', path);
      await f.getByTestId(`${form}-submit`).click();
      assert.equal((await saved).status(), 200);
      await panel.getByTestId(form === 'rate-agency' ? 'agency-rating-given' : 'owner-rating-given').waitFor();
      assert.equal(await panel.getByTestId(form).count(), 0, 'the form is gone once rated');
      // A second rating is refused.
      const again = await apiCall(
        side.page,
        'PUT',
        `/api/v1/contracts/${contract.id}/${form === 'rate-agency' ? 'agency' : 'owner'}-rating`,
        form === 'rate-agency'
          ? { quality: 1, timeliness: 1, attitude: 1, fees: 1, conduct: 1 }
          : { clarity: 1, cooperation: 1, payment: 1 },
      );
      assert.equal(again.status, 409);
      await screenshot(side.page, `contract-${form}`);
      side.assertClean();
    } finally {
      await side.context.close();
    }
  }

  // The public page of the agency, on a phone: the new count and averages, and the credit score.
  const pub = await openPage(browser, { viewport: { width: 390, height: 844 } });
  try {
    await pub.page.goto(`/directory/${contract.agencyId}`);
    const card = pub.page.getByTestId('agency-credit');
    await card.waitFor();
    const after = (await apiCall(pub.page, 'GET', `/api/v1/agencies/${contract.agencyId}/credit`)).body;
    assert.equal(after.ratings.count, before.ratings.count + 1);
    assert.notEqual(after.computedAt, before.computedAt);
    const points = (h) => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
    await card.getByTestId('credit-score').getByText(points(after.score)).waitFor();
    await card.getByTestId('rating-count').getByText(`${after.ratings.count} 次评价`).waitFor();
    await card.getByTestId('rating-average-quality').getByText(points(after.ratings.quality)).waitFor();
    const overflow = await pub.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal overflow at 390 px (${overflow})`);
    await screenshot(pub.page, 'agency-credit-mobile');
    pub.assertClean();
  } finally {
    await pub.context.close();
  }
});
