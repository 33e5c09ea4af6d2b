import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { enUS } from './en-US';

// Flattens a dictionary to "a.b.c" → text.
function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  const zh = flatten(zhCN);
  const en = flatten(enUS);

  it('have identical key sets', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('use the same {{placeholders}} for each key', () => {
    for (const [key, text] of zh) expect([key, placeholders(en.get(key) ?? '')]).toEqual([key, placeholders(text)]);
  });

  it('have no empty texts', () => {
    for (const [key, text] of [...zh, ...en]) expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it('are actually translated', () => {
    // Chinese text must contain Han characters; language names and switch labels are exempt.
    const exempt = new Set([
      'language.switchTo',
      'language.en-US',
      'language.zh-CN',
      'common.listSeparator',
      'common.sentenceSeparator',
    ]);
    for (const [key, text] of zh)
      if (!exempt.has(key)) expect([key, /\p{Script=Han}/u.test(text)]).toEqual([key, true]);
    for (const [key, text] of en)
      if (!exempt.has(key)) expect([key, /\p{Script=Han}/u.test(text)]).toEqual([key, false]);
  });
});
