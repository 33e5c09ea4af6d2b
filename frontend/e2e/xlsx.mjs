// Reads the first sheet of an .xlsx workbook, so browser tests can open what they download:
// a workbook is a ZIP archive (stored or deflated entries) of XML parts. Only what the
// marketplace's exports use is read: inline, shared and plain cell values.
import { inflateRawSync } from 'node:zlib';

/** The archive's entries by name, found through its central directory. */
function unzip(bytes) {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a ZIP archive: no end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error('a broken central directory');
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    entries.set(name, () => (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function unescapeXML(s) {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');
}

function texts(xml) {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXML(m[1])).join('');
}

function columnIndex(letters) {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** The first worksheet's name and rows, each row an array of cell texts (numbers as written). */
export function readFirstSheet(bytes) {
  const entries = unzip(bytes);
  const part = (name) => {
    const read = entries.get(name);
    if (!read) throw new Error(`the workbook has no ${name}`);
    return read();
  };
  const workbook = part('xl/workbook.xml');
  const name = unescapeXML(/<sheet [^>]*name="([^"]*)"/.exec(workbook)?.[1] ?? '');
  const shared = entries.has('xl/sharedStrings.xml')
    ? [...part('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]))
    : [];
  const rows = [];
  for (const row of part('xl/worksheets/sheet1.xml').matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = [];
    for (const c of row[1].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, column, attrs, body = ''] = c;
      const type = /t="([^"]*)"/.exec(attrs)?.[1];
      const value = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let text = '';
      if (type === 'inlineStr') text = texts(body);
      else if (type === 's') text = shared[Number(value)] ?? '';
      else if (value !== undefined) text = unescapeXML(value);
      cells[columnIndex(column)] = text;
    }
    rows.push(Array.from(cells, (v) => v ?? ''));
  }
  return { name, rows };
}
