// Checks the browser tests share about the page as laid out: horizontal overflow on phones,
// and axe-core's accessibility rules.
import { AxeBuilder } from '@axe-core/playwright';

/** A phone: the width the portal must fit (an iPhone 12–15). */
export const phone = { width: 390, height: 844 };

/**
 * Fails when the page is wider than the screen: the document scrolls sideways, or an element
 * sticks out past either edge without an ancestor that scrolls or clips it (a table scrolling
 * inside its card is fine). Names the culprits.
 */
export async function assertNoHorizontalOverflow(page, where) {
  const found = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const problems = [];
    if (root.scrollWidth > width) problems.push(`the document is ${root.scrollWidth}px wide on a ${width}px screen`);
    const describe = (el) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''}` +
      `${typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : ''}` +
      ` "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const clippedByAncestor = (el) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(a).overflowX)) return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right <= width + 1 && box.left >= -1) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      if (clippedByAncestor(el)) continue;
      problems.push(`${describe(el)} spans ${Math.round(box.left)}–${Math.round(box.right)}px`);
      if (problems.length > 10) break;
    }
    return problems;
  });
  if (found.length > 0) throw new Error(`${where} overflows horizontally:\n${found.join('\n')}`);
}

/**
 * Runs axe-core (WCAG 2.x A and AA, and best practices) on the page as it is and fails on any
 * serious or critical violation, listing each with the elements it found.
 */
export async function assertAccessible(page, where) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    const lines = bad.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1, 2).join(' ').trim()}`)
          .join('\n'),
    );
    throw new Error(`${where} has accessibility violations:\n${lines.join('\n')}`);
  }
}
