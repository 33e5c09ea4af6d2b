import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import i18next from 'i18next';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { enUS } from '../i18n/en-US';
import { zhCN } from '../i18n/zh-CN';
import { DrawCheckResult, DrawVerification, type CheckState } from './DrawVerification';
import { verifyDraw, type PublicDraw } from './drawV1';

const draw: PublicDraw = {
  version: 'draw-v1',
  announcementCode: 'DLZJ-2026-000123',
  commitment: '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd',
  secret: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  candidates: [
    '91532901MA6Q00003N',
    '91532923MA6Q00007Y',
    '91532924MA6Q00011U',
    '91532929MA6Q000026',
    '91532932MA6Q00005R',
  ],
  order: ['91532932MA6Q00005R', '91532923MA6Q00007Y', '91532901MA6Q00003N', '91532924MA6Q00011U', '91532929MA6Q000026'],
  drawnAt: '2026-12-10T02:00:00Z',
};
const names = { '91532932MA6Q00005R': '鹤庆环评咨询有限公司', '91532923MA6Q00007Y': '祥云工程咨询有限公司' };

async function render(language: 'zh-CN' | 'en-US', element: ReturnType<typeof createElement>): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: language,
    interpolation: { escapeValue: false },
  });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));
}

const result = (check: CheckState, d: PublicDraw = draw) => createElement(DrawCheckResult, { check, draw: d, names });

describe('DrawVerification', () => {
  it('says the honest draw is verified, in both languages', async () => {
    const check = await verifyDraw(draw);
    expect(check.status).toBe('verified');
    const zh = await render('zh-CN', result(check));
    expect(zh).toContain('验证通过：抽取结果与公开数据一致');
    expect(zh).toContain('role="status"');
    expect(await render('en-US', result(check))).toContain('Verified: the result matches');
  });

  it('names the position and the agencies when the order differs', async () => {
    const swapped = { ...draw, order: [draw.order[1], draw.order[0], ...draw.order.slice(2)] };
    const check = await verifyDraw(swapped);
    const en = await render('en-US', result(check, swapped));
    expect(en).toContain('Not verified: the published order differs from the recomputed one');
    expect(en).toContain('Position 1 is published as 祥云工程咨询有限公司 (credit code 91532923MA6Q00007Y)');
    expect(en).toContain('it is 鹤庆环评咨询有限公司 (credit code 91532932MA6Q00005R)');
    expect(en).not.toContain('Verified: the result matches');
    const zh = await render('zh-CN', result(check, swapped));
    expect(zh).toContain('第 1 位公布为 祥云工程咨询有限公司（信用代码 91532923MA6Q00007Y）');
  });

  it('shows a secret that does not match the commitment', async () => {
    const forged = { ...draw, secret: draw.secret!.slice(0, 62) + 'ff' };
    const check = await verifyDraw(forged);
    const zh = await render('zh-CN', result(check, forged));
    expect(zh).toContain('验证未通过：密钥与承诺值不符');
    expect(zh).toContain(draw.commitment);
    expect(await render('en-US', result(check, forged))).toContain('the secret does not match the commitment');
  });

  it('renders the whole section before the check finishes', async () => {
    const html = await render('en-US', createElement(DrawVerification, { draw, names }));
    expect(html).toContain('Draw verification');
    expect(html).toContain('Recomputing the draw in your browser');
    expect(html).toContain('aria-busy="true"');
    expect(html).toContain(draw.secret!);
    expect(html).toContain('鹤庆环评咨询有限公司 (credit code 91532932MA6Q00005R)');
  });

  it('says when the draw has not been made', async () => {
    const before = { ...draw, secret: null, candidates: [], order: [], drawnAt: null };
    const zh = await render('zh-CN', createElement(DrawVerification, { draw: before }));
    expect(zh).toContain('抽取时公开');
    expect(await render('zh-CN', result(await verifyDraw(before), before))).toContain('尚未抽取');
  });
});
