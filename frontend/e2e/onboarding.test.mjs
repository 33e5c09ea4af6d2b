// Browser test of an agency joining the marketplace (入驻), end to end against a running
// server with demo data: sign-up, the application wizard with a qualification scan, review
// by the government service bureau (scan previewed from a presigned link), the listing
// approved by the item's regulator, and the agency in the public directory. A second path
// shows a returned application's reason to the agency.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import {
  apiResponse,
  choose,
  creditCodeCheckChar,
  demoPassword,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
} from './browser.mjs';

// 土壤污染状况调查 needs 检验检测机构资质认定（CMA）, ungraded, and is in the charge of the
// prefecture's ecology and environment bureau (internal/demo/catalog_items.go, orgs.go).
const item = { name: '土壤污染状况调查', qualificationType: '检验检测机构资质认定（CMA）', level: '不分级' };
const reviewer = 'reg.zwfw'; // 大理州政务服务管理局 reviews applications and qualifications
const itemRegulator = 'reg.sthj'; // 大理州生态环境局

let browser;
let scanDir;
before(async () => {
  browser = await launchBrowser();
  scanDir = mkdtempSync(path.join(tmpdir(), 'intermart-e2e-'));
});
after(async () => {
  await browser?.close();
});

// ---- files to upload ----

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** A small RGB PNG: a pale certificate with a blue frame and a red seal. */
function certificatePng(width = 240, height = 160) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const frame = x < 6 || y < 6 || x >= width - 6 || y >= height - 6;
      const seal = (x - width + 50) ** 2 + (y - height + 50) ** 2 < 26 ** 2;
      const [r, g, b] = frame ? [31, 78, 158] : seal ? [200, 30, 30] : [250, 246, 232];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function writeScan(name, content) {
  const file = path.join(scanDir, name);
  writeFileSync(file, content);
  return file;
}

/** GB 11643 check character, for a valid resident ID number. */
function idNumber(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

// ---- steps ----

/** Clicks OK in the open confirmation popover. */
async function confirmPopover(page) {
  await page.locator('.ant-popover:visible').getByRole('button', { name: '确定' }).click();
}

/** Signs up a new agency with unique names; returns its details. */
async function signUpAgency(page, tag) {
  const suffix = String(Date.now()).slice(-7);
  const code17 = `91532901M${tag}${suffix}`;
  const agency = {
    name: `大理洱海检测评价有限公司${tag}${suffix}`,
    creditCode: code17 + creditCodeCheckChar(code17),
    username: `e2e.onb.${tag.toLowerCase()}${suffix}`,
  };
  await page.goto('/signup/agency');
  const form = page.getByTestId('agency-signup-form');
  await form.getByLabel('机构名称').fill(agency.name);
  await page.getByTestId('signup-credit-code').fill(agency.creditCode);
  await form.getByLabel('所在地区').click();
  await page.locator('.ant-select-item-option[title="大理市"]').click();
  await form.getByLabel('联系人姓名').fill('赵检测');
  await form.getByLabel('联系电话').fill('0872-2199001');
  await form.getByLabel('用户名').fill(agency.username);
  await form.getByLabel('姓名', { exact: true }).fill('赵检测');
  await form.getByLabel('密码', { exact: true }).fill(demoPassword);
  await form.getByLabel('确认密码').fill(demoPassword);
  await page.getByTestId('signup-submit').click();
  const done = page.getByTestId('signup-submitted');
  await done.waitFor();
  agency.orgId = Number(await done.getAttribute('data-organisation-id'));
  return agency;
}

/** From the workspace home, opens the application and fills the profile step. */
async function fillProfile(page) {
  await page.getByTestId('pending-review').getByText('请完成入驻申请').waitFor();
  await page.getByTestId('open-application').click();
  const form = page.getByTestId('profile-form');
  await form.getByLabel('法定代表人').fill('赵明远');
  await form.getByLabel('地址').fill('云南省大理市下关镇洱河南路 18 号');
  await form.getByLabel('机构简介').fill('从事环境检测、土壤污染状况调查等技术服务。');
  const saved = apiResponse(page, 'PUT', /\/profile$/);
  await page.getByTestId('profile-save').click();
  assert.equal((await saved).status(), 200);
  await page.getByText('基本信息已保存').waitFor();
}

async function goToStep(page, title) {
  await page.getByTestId('application-steps').getByText(title, { exact: true }).click();
}

async function submitApplication(page) {
  await goToStep(page, '提交审核');
  await page.getByTestId('submission-contents').waitFor();
  // Once in a while (a loaded machine, the step re-rendering as the application is fetched
  // again) the confirmation closes without sending; a user would click again, and so does
  // the test, up to three times. The request itself must succeed.
  let submitted;
  for (let attempt = 1; attempt <= 3 && !submitted; attempt++) {
    const response = page
      .waitForResponse(
        (r) => r.request().method() === 'POST' && /\/application\/submit$/.test(new URL(r.url()).pathname),
        {
          timeout: 8000,
        },
      )
      .catch(() => null);
    await page.getByTestId('submit-application').click();
    const popover = page.locator('.ant-popover:visible', { hasText: '确定提交吗' });
    await popover.getByRole('button', { name: '确定' }).click();
    submitted = await response;
  }
  assert.ok(submitted, 'the application was not submitted after three confirmations');
  assert.equal(submitted.status(), 204);
  await page.getByTestId('under-review-alert').waitFor();
}

describe('agency onboarding', () => {
  test('an agency applies with a scan, is reviewed and approved, and appears in the directory', async () => {
    const agencyTab = await openPage(browser);
    let agency;
    let qualificationId;
    let listingId;
    try {
      const { page } = agencyTab;
      agency = await signUpAgency(page, 'C');
      await signIn(page, agency.username);
      await fillProfile(page);

      // Qualifications: a file of the wrong type is refused by content, with the translated reason.
      await goToStep(page, '资质');
      await page.getByTestId('add-qualification').click();
      const form = page.getByTestId('qualification-form');
      const refused = apiResponse(page, 'POST', /^\/api\/v1\/files$/);
      await form.locator('input[type=file]').setInputFiles(writeScan('certificate.pdf', 'not a PDF, only text'));
      assert.equal((await refused).status(), 422);
      await form.getByText('只接受 PDF、JPEG 或 PNG 文件（按文件内容识别）').waitFor();
      await screenshot(page, 'onboarding-upload-wrong-type');

      const uploaded = apiResponse(page, 'POST', /^\/api\/v1\/files$/);
      await form.locator('input[type=file]').setInputFiles(writeScan('cma-certificate.png', certificatePng()));
      assert.equal((await uploaded).status(), 201);
      await form.getByTestId('scan-uploaded').getByText('cma-certificate.png').waitFor();
      await choose(page, form, '资质类型', item.qualificationType, '检验检测');
      await choose(page, form, '等级', item.level, '');
      await form.getByLabel('证书编号').fill(`CMA-2024-${agency.creditCode.slice(-6)}`);
      await form.getByLabel('发证机关').fill('云南省市场监督管理局');
      await form.getByLabel('有效期起').fill('2024-01-01');
      await form.getByLabel('有效期起').press('Tab');
      await form.getByLabel('有效期至').fill('2029-12-31');
      await form.getByLabel('有效期至').press('Tab');
      await form.getByLabel('业务范围').fill('土壤、水质、环境空气检测');
      const added = apiResponse(page, 'POST', /\/qualifications$/);
      await page.locator('.ant-modal:visible').getByRole('button', { name: '保存' }).click();
      const addedResponse = await added;
      assert.equal(addedResponse.status(), 201);
      qualificationId = (await addedResponse.json()).id;
      await page.getByTestId('qualifications-table').getByText('云南省市场监督管理局').waitFor();

      // Practitioners: the ID number is shown masked.
      await goToStep(page, '从业人员');
      await page.getByTestId('add-practitioner').click();
      const person = page.getByTestId('practitioner-form');
      await person.getByLabel('姓名').fill('杨晓检');
      await person.getByLabel('执业证书编号（选填）').fill('HJ-2021-0088');
      await person.getByLabel('身份证号码').fill(idNumber('53290119880512031'));
      await page.locator('.ant-modal:visible').getByRole('button', { name: '保存' }).click();
      await page.getByTestId('practitioners-table').getByText('532***********').waitFor();

      // Listings: the item's requirement is met by the qualification just added.
      await goToStep(page, '服务事项');
      await page.getByTestId('add-listing').click();
      const listing = page.getByTestId('listing-form');
      await choose(page, listing, '服务事项', item.name);
      await listing.locator('[data-testid="requirement"][data-met="true"]').waitFor();
      await listing.getByLabel('收费参考').fill('按《云南省环境监测服务收费标准》下浮 10%');
      await listing.getByLabel('服务承诺').fill('合同签订后 10 个工作日内提交调查报告');
      await screenshot(page, 'onboarding-listing-requirements');
      const listed = apiResponse(page, 'POST', /\/listings$/);
      await page.locator('.ant-modal:visible').getByRole('button', { name: '保存' }).click();
      const listedResponse = await listed;
      assert.equal(listedResponse.status(), 201);
      listingId = (await listedResponse.json()).id;

      await submitApplication(page);
      await page.getByTestId('application-status').getByText('审核中').waitFor();
      await screenshot(page, 'onboarding-agency-submitted');
      agencyTab.assertClean();
    } finally {
      await agencyTab.context.close();
    }

    // The government service bureau reviews the application with the scan beside the data.
    const reviewerTab = await openPage(browser);
    try {
      const { page } = reviewerTab;
      await signIn(page, reviewer);
      await page.getByTestId('nav-reviews').click();
      // The first qualification waiting for review is shown at once; its scan link is asked for
      // (inline) as the page opens.
      const link = apiResponse(page, 'POST', /^\/api\/v1\/files\/\d+\/link$/);
      await page.getByTestId(`review-profile-${agency.orgId}`).click();
      await page.getByTestId('review-agency-name').getByText(agency.name).waitFor();
      await page.getByTestId(`view-scan-${qualificationId}`).click();
      const linkResponse = await link;
      assert.equal(linkResponse.status(), 200);
      assert.match(linkResponse.url(), /inline=true/);
      const { url } = await linkResponse.json();
      const image = page.getByTestId('document-preview-image');
      await image.waitFor();
      assert.equal(await image.getAttribute('src'), url);
      // The browser fetched the presigned link and decoded the scan (CSP allows the store).
      await page.waitForFunction(
        () => {
          const img = document.querySelector('[data-testid="document-preview-image"]');
          return img instanceof HTMLImageElement && img.complete && img.naturalWidth === 240;
        },
        undefined,
        { timeout: 15_000 },
      );
      await screenshot(page, 'onboarding-review-scan');

      // The application cannot be approved while its qualification waits.
      await page.getByTestId('profile-decision').getByText('还有 1 项资质待审核').waitFor();
      const decided = apiResponse(page, 'POST', /^\/api\/v1\/qualifications\/\d+\/decision$/);
      await page.getByTestId(`qualification-${qualificationId}-approve`).click();
      await confirmPopover(page);
      assert.equal((await decided).status(), 204);
      await page.getByTestId(`review-qualification-${qualificationId}`).getByText('已通过').waitFor();

      const approved = apiResponse(page, 'POST', /\/decision$/);
      await page.getByTestId('profile-approve').click();
      await confirmPopover(page);
      assert.equal((await approved).status(), 204);
      await page.getByTestId('review-profile-status').getByText('已通过').waitFor();
      await screenshot(page, 'onboarding-review-approved');
      reviewerTab.assertClean();
    } finally {
      await reviewerTab.context.close();
    }

    // The regulator in charge of the item approves the listing.
    const regulatorTab = await openPage(browser);
    try {
      const { page } = regulatorTab;
      await signIn(page, itemRegulator);
      await page.getByTestId('nav-reviews').click();
      await page.getByTestId(`review-listing-${listingId}`).click();
      await page.getByTestId('listing-review-page').waitFor();
      await page.locator('[data-testid="requirement"][data-met="true"]').waitFor();
      await screenshot(page, 'onboarding-listing-review');
      const decided = apiResponse(page, 'POST', /^\/api\/v1\/listings\/\d+\/decision$/);
      await page.getByTestId('listing-approve').click();
      await confirmPopover(page);
      assert.equal((await decided).status(), 204);
      await page.getByTestId('listing-decision').getByText('该服务事项当前不在审核中。').waitFor();
      regulatorTab.assertClean();
    } finally {
      await regulatorTab.context.close();
    }

    // The public finds the agency in the directory under the service item.
    const publicTab = await openPage(browser);
    try {
      const { page } = publicTab;
      await page.goto('/');
      await page.getByTestId('nav-directory').click();
      const filters = page.getByTestId('directory-filters');
      const filtered = page.waitForResponse(
        (r) =>
          new URL(r.url()).pathname === '/api/v1/directory/agencies' && new URL(r.url()).searchParams.has('itemId'),
      );
      await choose(page, filters, '服务事项', item.name);
      assert.equal((await filtered).status(), 200);
      const row = page.getByTestId('directory-table').getByRole('link', { name: agency.name });
      await row.waitFor();
      await page.keyboard.press('Escape'); // close the picker before the picture
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'onboarding-directory');
      await row.click();
      await page.getByTestId('agency-name').getByText(agency.name).waitFor();
      await page.getByTestId('public-qualifications').getByText('有效', { exact: true }).waitFor();
      await page.getByTestId('public-listings').getByText(item.name).waitFor();
      await screenshot(page, 'onboarding-agency-public-page');
      publicTab.assertClean();
    } finally {
      await publicTab.context.close();
    }
  });

  test('a returned application shows the reviewer’s reason to the agency', async () => {
    const reason = `营业执照登记地址与申请填写的地址不一致，请核对后重新提交（${Date.now() % 100000}）`;
    const agencyTab = await openPage(browser);
    let agency;
    try {
      const { page } = agencyTab;
      agency = await signUpAgency(page, 'D');
      await signIn(page, agency.username);
      await fillProfile(page);
      await submitApplication(page);
      agencyTab.assertClean();
    } finally {
      await agencyTab.context.close();
    }

    const reviewerTab = await openPage(browser);
    try {
      const { page } = reviewerTab;
      await signIn(page, reviewer);
      await page.goto(`/workspace/reviews/agencies/${agency.orgId}`);
      await page.getByTestId('profile-reject').click();
      const form = page.getByTestId('profile-reject-form');
      // A reason is required before anything is sent.
      await page.locator('.ant-modal:visible').getByRole('button', { name: '退回入驻申请' }).click();
      await form.getByText('此项为必填项').waitFor();
      await form.getByLabel('退回理由').fill(reason);
      const decided = apiResponse(page, 'POST', /\/decision$/);
      await page.locator('.ant-modal:visible').getByRole('button', { name: '退回入驻申请' }).click();
      assert.equal((await decided).status(), 204);
      await page.getByTestId('review-profile-status').getByText('已退回').waitFor();
      reviewerTab.assertClean();
    } finally {
      await reviewerTab.context.close();
    }

    const againTab = await openPage(browser);
    try {
      const { page } = againTab;
      await signIn(page, agency.username);
      const home = page.getByTestId('pending-review');
      await home.getByText('入驻申请被退回').waitFor();
      await home.getByText(reason).waitFor();
      await screenshot(page, 'onboarding-rejected-home');
      await page.getByTestId('open-application').click();
      await page.getByTestId('rejection-alert').getByText(reason).waitFor();
      await page.getByTestId('review-history').getByText(reason).waitFor();
      await screenshot(page, 'onboarding-rejected-application');
      againTab.assertClean();
    } finally {
      await againTab.context.close();
    }
  });
});
