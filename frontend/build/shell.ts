import { createHash } from 'node:crypto';
import type { Plugin, Rollup } from 'vite';
import { zhCN } from '../src/i18n/zh-CN.ts';

/*
 * The first paint of the public pages, before any JavaScript: plain HTML and CSS inside #root
 * that React replaces when it renders (createRoot empties its container on the first commit).
 * The texts come from the default dictionary (zh-CN), so the shell always says what the app
 * then shows; the links are real addresses and work before the app has loaded.
 *
 * index.html gets the portal header and the home page's hero; directory/index.html (served by
 * the Go server for /directory, see internal/web/spa.go) the header and the directory's title.
 * The layout copies the app's (PublicLayout, HomePage.module.css, antd's sizes), so the swap
 * does not move what is on screen. The page has no script of its own (CSP: script-src 'self').
 */

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const t = zhCN;

// antd's font stack (src/theme.ts) and sizes: 14 px text, 64 px header, h1 38 px / h2 30 px.
const style = `<style>
body{margin:0;background:#f4f6fa}
.shell{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC','Noto Sans SC','Helvetica Neue',Arial,sans-serif;font-size:14px;line-height:1.5715;color:rgba(0,0,0,.88);min-height:100vh}
.shell a{text-decoration:none}
.shell-header{position:sticky;top:0;z-index:10;height:64px;background:#fff;border-bottom:1px solid #e5e8ef;padding-inline:24px}
.shell-bar{max-width:1200px;margin:0 auto;height:100%;display:flex;align-items:center;justify-content:space-between;gap:16px}
.shell-brand{display:flex;align-items:center;gap:10px;min-width:0}
.shell-brand span{font-size:18px;font-weight:600;color:#1f2a44;letter-spacing:.5px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.shell-nav{display:flex;align-items:center;gap:8px;flex:none}
.shell-btn{display:inline-flex;align-items:center;height:32px;padding:0 15px;border-radius:6px;border:1px solid transparent;color:rgba(0,0,0,.88)}
.shell-primary{background:#1f4e9e;color:#fff}
.shell-wide{display:inline-flex}
@media (max-width:991.98px){.shell-header{padding-inline:12px}.shell-bar{gap:8px}.shell-brand img{width:28px;height:28px}.shell-brand span{font-size:15px;letter-spacing:0}.shell-wide{display:none}}
.shell-container{max-width:1200px;margin:0 auto;padding-inline:24px}
.shell-hero{background:linear-gradient(120deg,#163a78 0%,#1f4e9e 55%,#2f74c9 100%);color:#fff;padding:64px 0 96px}
.shell-tag{display:inline-block;font-size:12px;line-height:20px;padding-inline:7px;border-radius:4px;background:#fffbe6;color:#874d00}
.shell-hero h1{color:#fff;margin:16px 0 12px;font-size:36px;font-weight:600;line-height:1.2105}
.shell-hero p{color:rgba(255,255,255,.88);font-size:16px;line-height:1.8;max-width:760px;margin:0 0 28px}
.shell-actions{display:flex;gap:12px;flex-wrap:wrap}
.shell-large{display:inline-flex;align-items:center;height:40px;padding:0 15px;border-radius:8px;font-size:16px;border:1px solid #fff;color:#fff}
.shell-large.shell-solid{background:#fff;color:rgba(0,0,0,.88);border-color:#d9d9d9}
.shell-page{padding-block:32px}
.shell-page h1{margin:0 0 .5em;font-size:30px;font-weight:600;line-height:1.2667}
.shell-page p{color:rgba(0,0,0,.65);margin:0 0 1em}
</style>`;

const header = `<header class="shell-header"><div class="shell-bar">
<a class="shell-brand" href="/"><img src="/favicon.svg" alt="" width="32" height="32"><span>${escape(t.app.name)}</span></a>
<nav class="shell-nav" aria-label="${escape(t.site.menu)}">
<a class="shell-btn shell-wide" href="/directory">${escape(t.publicNav.directory)}</a>
<a class="shell-btn shell-wide" href="/signup/agency" style="color:#1f4e9e">${escape(t.common.agencySignUp)}</a>
<a class="shell-btn shell-primary" href="/signin">${escape(t.common.signIn)}</a>
</nav></div></header>`;

const home = `<main><section class="shell-hero"><div class="shell-container">
<span class="shell-tag">${escape(t.app.owner)}</span>
<h1>${escape(t.portal.heroTitle)}</h1>
<p>${escape(t.portal.heroLead)}</p>
<div class="shell-actions">
<a class="shell-large shell-solid" href="/directory">${escape(t.portal.directoryLink)}</a>
<a class="shell-large" href="/signup/agency">${escape(t.common.agencySignUp)}</a>
<a class="shell-large" href="/signin">${escape(t.common.signIn)}</a>
</div></div></section></main>`;

const directory = `<main class="shell-container shell-page">
<h1>${escape(t.directory.title)}</h1>
<p>${escape(t.directory.lead)}</p>
</main>`;

const marker = '<div id="root"></div>';
const shell = (page: string) => `<div id="root"><div class="shell">${header}${page}</div></div>`;

/** Puts the static first paint into index.html and writes directory/index.html beside it. */
export function shellPlugin(): Plugin {
  return {
    name: 'intermart-shell',
    apply: 'build',
    enforce: 'post', // after Vite has written index.html into the bundle
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!html.includes(marker)) throw new Error(`index.html has no ${marker} for the first paint`);
        return html.replace('</head>', `${style}\n</head>`);
      },
    },
    generateBundle(_, bundle) {
      const index = bundle['index.html'];
      if (!index || index.type !== 'asset') throw new Error('no index.html in the bundle');
      const html = String(index.source);
      const emit = (fileName: string, source: string) => this.emitFile({ type: 'asset', fileName, source });
      index.source = startAfterPaint(html, bundle, [], emit).replace(marker, shell(home));
      // The directory's own chunk and what it imports download beside the app, not after it.
      const preload = new Set<string>();
      const visit = (fileName: string) => {
        const chunk = bundle[fileName];
        if (chunk?.type !== 'chunk' || preload.has(fileName)) return;
        preload.add(fileName);
        chunk.imports.forEach(visit);
      };
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.facadeModuleId?.endsWith('/pages/portal/DirectoryPage.tsx'))
          visit(chunk.fileName);
      }
      if (preload.size === 0) throw new Error('no chunk of DirectoryPage.tsx to preload');
      const extra = [...preload].filter((f) => !html.includes(`/${f}"`)).map((f) => `/${f}`);
      emit(
        'directory/index.html',
        startAfterPaint(html, bundle, extra, emit)
          .replace(marker, shell(directory))
          .replace(/<title>[^<]*<\/title>/, `<title>${escape(`${t.directory.title} - ${t.app.name}`)}</title>`),
      );
    },
  };
}

/*
 * The app starts after the shell has painted: a tiny starter, the page's only <script>, waits for
 * a frame to be drawn (requestAnimationFrame, then a task; at once in a tab opened in the
 * background, which draws no frames; after 1 s whatever happens), then preloads the app's files
 * in parallel and imports its entry. Until the shell is on screen, the page's CSS is the only
 * thing it waits for.
 */
function startAfterPaint(
  html: string,
  bundle: Rollup.OutputBundle,
  extra: string[],
  emit: (fileName: string, source: string) => void,
) {
  const entry = /<script type="module" crossorigin src="\/(assets\/[^"]+\.js)"><\/script>/.exec(html);
  if (!entry || bundle[entry[1]]?.type !== 'chunk') throw new Error('no entry <script> in index.html');
  const preloads = /<link rel="modulepreload" crossorigin href="\/assets\/[^"]+\.js">\n?\s*/g;
  const files = [...html.matchAll(preloads)].map((m) => /href="([^"]+)"/.exec(m[0])![1]);
  const source = starter(`/${entry[1]}`, [...files, ...extra]);
  const hash = createHash('sha256').update(source).digest('base64url').slice(0, 8);
  const fileName = `assets/start-${hash}.js`;
  emit(fileName, source);
  return html
    .replace(preloads, '')
    .replace(entry[0], `<script type="module" crossorigin src="/${fileName}"></script>\n    `);
}

/** The starter's code: preloads `files` and imports `entry`, once the page has painted. */
function starter(entry: string, files: string[]): string {
  return `const files = ${JSON.stringify(files)};
let started = false;
const start = () => {
  if (started) return;
  started = true;
  for (const href of files) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
  import(${JSON.stringify(entry)});
};
if (document.visibilityState === 'hidden') start();
else {
  requestAnimationFrame(() => setTimeout(start));
  setTimeout(start, 1000);
}
`;
}
