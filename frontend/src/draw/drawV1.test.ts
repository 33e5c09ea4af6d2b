import { describe, expect, it } from 'vitest';
import doc from '../../../docs/draw.md?raw';
import fixture from './drawV1.fixture.json';
import {
  bytesToHex,
  commit,
  drawOrder,
  hexToBytes,
  sortCandidates,
  tieCode,
  uniformFrom,
  verifyDraw,
  type PublicDraw,
} from './drawV1';

const secretHex = '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f';
const code = 'DLZJ-2026-000123';
const candidates = [
  '91532929MA6Q000026',
  '91532901MA6Q00003N',
  '91532932MA6Q00005R',
  '91532924MA6Q00011U',
  '91532923MA6Q00007Y',
];
// docs/draw.md's worked example.
const commitment = '630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd';
const order = [
  '91532932MA6Q00005R',
  '91532923MA6Q00007Y',
  '91532901MA6Q00003N',
  '91532924MA6Q00011U',
  '91532929MA6Q000026',
];

const published = (over: Partial<PublicDraw> = {}): PublicDraw => ({
  version: 'draw-v1',
  announcementCode: code,
  commitment,
  secret: secretHex,
  candidates: sortCandidates(candidates),
  order,
  drawnAt: '2026-12-10T02:00:00Z',
  ...over,
});

describe('draw-v1', () => {
  it('reproduces the worked example of docs/draw.md', async () => {
    const secret = hexToBytes(secretHex);
    expect(await commit(secret)).toBe(commitment);
    expect(doc).toContain(`commitment  ${commitment}`);
    const block0 = new Uint8Array(
      await crypto.subtle.sign(
        'HMAC',
        await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
        new TextEncoder().encode(`draw-v1|${code}|0`),
      ),
    );
    expect(doc).toContain(`        = ${bytesToHex(block0)}\n`);
    const got = await drawOrder(secret, code, candidates);
    expect(got).toEqual(order);
    got.forEach((c, i) => expect(doc).toContain(`  ${i + 1}. ${c}\n`));
  });

  it('matches the Go implementation on random draws', async () => {
    expect(fixture.length).toBeGreaterThan(20);
    for (const c of fixture) {
      expect([c.code, await drawOrder(hexToBytes(c.secret), c.code, c.candidates)]).toEqual([c.code, c.order]);
    }
  });

  it('rejects the words that would bias the result', async () => {
    const words = (...ws: number[]) => {
      let i = 0;
      return async () => ws[i++];
    };
    // m = 3: limit 2^32 − 1, so 0xFFFFFFFF is rejected.
    expect(await uniformFrom(words(0xffffffff, 0xfffffffe), 3)).toBe(0xfffffffe % 3);
    // m = 4: nothing is rejected.
    expect(await uniformFrom(words(0xffffffff), 4)).toBe(3);
    expect(await uniformFrom(words(4294960000, 4294959999), 10000)).toBe(4294959999 % 10000);
  });

  it('orders tie-breaks with the tie code', async () => {
    const tied = ['91532924MA6Q00011U', '91532901MA6Q00003N'];
    const expected = await drawOrder(hexToBytes(secretHex), 'DLZJ-2026-000123|tie|1', tied);
    expect(tieCode(code, 1)).toBe('DLZJ-2026-000123|tie|1');
    expect(await verifyDraw(published({ tieRank: 1, candidates: sortCandidates(tied), order: expected }))).toEqual({
      status: 'verified',
      order: expected,
    });
  });

  it('refuses invalid candidates', () => {
    expect(() => sortCandidates([])).toThrow();
    expect(() => sortCandidates(['A', 'A'])).toThrow(/twice/);
    expect(() => sortCandidates(['A B'])).toThrow();
    expect(() => sortCandidates(['大理'])).toThrow();
    expect(sortCandidates(['b', 'B', 'a', '1'])).toEqual(['1', 'B', 'a', 'b']);
  });
});

describe('verifyDraw', () => {
  it('verifies the honest draw', async () => {
    expect(await verifyDraw(published())).toEqual({ status: 'verified', order });
  });

  it('accepts an upper-case commitment', async () => {
    expect((await verifyDraw(published({ commitment: commitment.toUpperCase() }))).status).toBe('verified');
  });

  it('finds a changed order and where', async () => {
    const swapped = [order[1], order[0], ...order.slice(2)];
    expect(await verifyDraw(published({ order: swapped }))).toEqual({
      status: 'orderMismatch',
      expected: order,
      position: 0,
    });
    expect(await verifyDraw(published({ order: order.slice(0, 4) }))).toMatchObject({
      status: 'orderMismatch',
      position: 4,
    });
  });

  it('finds a secret that does not match the commitment', async () => {
    const other = secretHex.slice(0, 62) + 'ff';
    const check = await verifyDraw(published({ secret: other }));
    expect(check.status).toBe('commitmentMismatch');
  });

  it('finds another announcement code', async () => {
    expect((await verifyDraw(published({ announcementCode: 'DLZJ-2026-000124' }))).status).toBe('orderMismatch');
  });

  it('says when the draw is not made yet', async () => {
    expect(await verifyDraw(published({ secret: null, candidates: [], order: [], drawnAt: null }))).toEqual({
      status: 'notDrawn',
    });
  });

  it('refuses malformed documents', async () => {
    expect(await verifyDraw(published({ version: 'draw-v2' }))).toMatchObject({
      status: 'invalid',
      problem: 'version',
    });
    expect(await verifyDraw(published({ secret: 'abc' }))).toMatchObject({ status: 'invalid', problem: 'secret' });
    expect(await verifyDraw(published({ commitment: 'zz' }))).toMatchObject({
      status: 'invalid',
      problem: 'commitment',
    });
    expect(await verifyDraw(published({ candidates: candidates }))).toMatchObject({
      status: 'invalid',
      problem: 'unsorted',
    });
  });
});
