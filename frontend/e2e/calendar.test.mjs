// Browser tests of the working-day calendar and the training clock: the banner every page
// shows (the e2e server runs with INTERMART_ADJUSTABLE_CLOCK=true), the platform admin's
// calendar page (add, refuse, change, remove) and the clock page, which refuses to move the
// clock back. This test never moves the clock, so the other tests' dates stay as they are.
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

describe('working-day calendar and training clock', () => {
  test('every page shows the training clock banner, on a phone too', async () => {
    const visitor = await openPage(browser, { viewport: phone });
    try {
      const { page } = visitor;
      await page.goto('/');
      const banner = page.getByTestId('training-clock-banner');
      await banner.waitFor();
      assert.match(await banner.innerText(), /培训时钟/);
      await assertNoHorizontalOverflow(page, 'home page with the training clock banner');
      await assertAccessible(page, 'home page with the training clock banner');
      await page.goto('/directory');
      await banner.waitFor();
      await screenshot(page, 'training-clock-banner-phone');
      visitor.assertClean();
    } finally {
      await visitor.context.close();
    }
  });

  test('the platform admin keeps the calendar', async () => {
    const admin = await openPage(browser);
    try {
      const { page } = admin;
      await signIn(page, 'admin');
      await page.getByTestId('training-clock-banner').waitFor();
      await page.getByTestId('nav-workdays').click();
      await page.waitForURL((url) => url.pathname === '/workspace/calendar');
      await page.goto('/workspace/calendar?year=2026');
      const table = page.getByTestId('workdays-table');
      await table.getByTestId('workday-2026-10-01').waitFor();
      await table.locator('.ant-table-row', { hasText: '2026-02-14' }).getByText('调休（上班）').waitFor();
      assert.equal(await page.title().then((t) => t.includes('工作日历')), true);

      // A Saturday is a rest day already: listing it as a holiday is refused on its field.
      await page.getByTestId('next-year').click();
      await page.getByTestId('calendar-year').getByText('2027 年').waitFor();
      await page.getByTestId('add-workday').click();
      await page.getByTestId('workday-date').fill('2027-02-06');
      await page.getByTestId('workday-date').press('Enter');
      await page.getByTestId('workday-name-zh').fill('春节调休');
      await page.getByTestId('workday-name-en').fill('Spring Festival make-up day');
      await page.getByTestId('save-workday').click();
      await page.getByText('周末本就休息，只有周一至周五才能登记为节假日').waitFor();
      await screenshot(page, 'workdays-refused');

      await page.getByRole('radio', { name: '调休（上班）' }).check();
      await page.getByTestId('save-workday').click();
      const row = page.getByTestId('workdays-table').locator('.ant-table-row', { hasText: '2027-02-06' });
      await row.getByText('春节调休').waitFor();
      await row.getByText('周六').waitFor();

      await page.getByTestId('edit-workday-2027-02-06').click();
      await page.getByTestId('workday-name-zh').fill('春节调休上班');
      await page.getByTestId('save-workday').click();
      await row.getByText('春节调休上班').waitFor();

      await page.getByTestId('remove-workday-2027-02-06').click();
      await page.getByRole('button', { name: '删除', exact: true }).last().click();
      await row.waitFor({ state: 'detached' });

      // Each change is in the year's history, with who made it.
      const history = page.getByTestId('workday-changes');
      for (const action of ['add', 'change', 'remove'])
        await history.getByTestId(`workday-change-${action}-2027-02-06`).waitFor();
      await history
        .getByTestId('workday-change-change-2027-02-06')
        .getByText('春节调休 → 调休（上班） 春节调休上班')
        .waitFor();
      await screenshot(page, 'workdays-history');
      admin.assertClean();
    } finally {
      await admin.context.close();
    }
  });

  test('the training clock page refuses to move the clock back; both pages fit a phone', async () => {
    const admin = await openPage(browser, { viewport: phone });
    try {
      const { page } = admin;
      await signIn(page, 'admin');
      await page.goto('/workspace/training-clock');
      await page.getByTestId('clock-status').waitFor();
      await page
        .getByTestId('marketplace-time')
        .getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
        .waitFor();
      for (const preset of ['plusHour', 'plusDay', 'plusWorkingDay'])
        await page.getByTestId(`clock-${preset}`).waitFor();
      await assertNoHorizontalOverflow(page, 'training clock page');
      await assertAccessible(page, 'training clock page');

      await page.getByTestId('clock-to').fill('2020-01-01 09:00');
      await page.getByTestId('clock-to').press('Enter');
      await page.getByTestId('clock-move').click();
      await page.getByText('培训时钟只能向前拨：请选择晚于当前市场时间的时间').waitFor();
      await screenshot(page, 'training-clock-refused-phone');

      await page.goto('/workspace/calendar?year=2026');
      await page.getByTestId('workdays-table').getByTestId('workday-2026-10-01').waitFor();
      await assertNoHorizontalOverflow(page, 'calendar page');
      await assertAccessible(page, 'calendar page');
      await screenshot(page, 'workdays-phone');
      admin.assertClean();
    } finally {
      await admin.context.close();
    }
  });
});
