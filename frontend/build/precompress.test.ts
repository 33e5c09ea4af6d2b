import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompress } from './precompress';

describe('precompress', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'precompress-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes brotli and gzip copies of text files that decompress to the original', async () => {
    const script = 'export const greeting = "你好";\n'.repeat(200);
    await mkdir(path.join(dir, 'assets'));
    await writeFile(path.join(dir, 'assets', 'index-AbCd1234.js'), script);
    await writeFile(path.join(dir, 'index.html'), `<!doctype html><title>t</title>${'<p>x</p>'.repeat(200)}`);

    const written = await precompress(dir);

    expect(written).toEqual([
      'assets/index-AbCd1234.js.br',
      'assets/index-AbCd1234.js.gz',
      'index.html.br',
      'index.html.gz',
    ]);
    const br = await readFile(path.join(dir, 'assets', 'index-AbCd1234.js.br'));
    const gz = await readFile(path.join(dir, 'assets', 'index-AbCd1234.js.gz'));
    expect(zlib.brotliDecompressSync(br).toString()).toBe(script);
    expect(zlib.gunzipSync(gz).toString()).toBe(script);
    expect(br.length).toBeLessThan(script.length / 10);
  });

  it('leaves small files, images and copies that would not be smaller alone', async () => {
    await writeFile(path.join(dir, 'robots.txt'), 'User-agent: *\nAllow: /\n');
    await writeFile(path.join(dir, 'logo.png'), Buffer.alloc(4096, 1));
    await writeFile(path.join(dir, 'random.svg'), randomBytes(4096)); // random bytes do not compress

    await precompress(dir);

    expect((await readdir(dir)).sort()).toEqual(['logo.png', 'random.svg', 'robots.txt']);
  });
});
