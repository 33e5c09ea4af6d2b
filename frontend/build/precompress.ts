import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Text formats the build emits; images and fonts are compressed already.
const compressible = /\.(?:js|mjs|css|html|svg|json|txt|xml|webmanifest)$/;
// Below this a compressed copy saves less than the headers that announce it.
const minSize = 1024;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every compressible file under `dir`, at the
 * strongest settings: they are made once per build, and sent many times (internal/web/spa.go
 * picks one per request's Accept-Encoding). A copy that would not be smaller is not written.
 * Returns the paths written, relative to `dir`.
 */
export async function precompress(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && compressible.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
  const written: string[] = [];
  await Promise.all(
    files.map(async (file) => {
      const content = await readFile(file);
      if (content.length < minSize) return;
      const variants: [string, Buffer][] = [
        [
          '.br',
          await brotli(content, {
            params: {
              [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
              [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length,
            },
          }),
        ],
        ['.gz', await gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION })],
      ];
      for (const [suffix, compressed] of variants) {
        if (compressed.length >= content.length) continue;
        await writeFile(file + suffix, compressed);
        written.push(path.relative(dir, file + suffix));
      }
    }),
  );
  return written.sort();
}

/** Vite plugin: precompresses the build output once it is written. */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'intermart-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle(error) {
      if (error) return;
      const written = await precompress(outDir);
      this.info(`wrote ${written.length} precompressed files (.br, .gz)`);
    },
  };
}
