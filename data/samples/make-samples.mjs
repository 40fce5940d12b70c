// Writes the offline sample feeds in data/samples/ and the labelled truth in
// tests/fixtures/samples/expected-topics.json from the item lists in items.mjs.
// Run by hand after editing an item: `node data/samples/make-samples.mjs`.
// Tests read the generated files; they never run this script.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { SOURCES } from './items.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');

const escapeXml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Some publishers emit pure ASCII with numeric character references; rt-russia does.
const toCharRefs = (s) => s.replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`);

const toHtml = (paragraphs) => paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n');

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n) => String(n).padStart(2, '0');

/** RFC 822 date as RSS 2.0 wants it, shown in the publisher's own offset. */
function formatRfc822(iso, offsetMinutes) {
  const d = new Date(Date.parse(iso) + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'GMT' : `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}`;
}

/** RFC 3339 in the publisher's offset (Atom, JSON Feed, dc:date). */
function formatRfc3339(iso, offsetMinutes) {
  if (offsetMinutes === 0) return new Date(iso).toISOString().replace('.000Z', 'Z');
  const d = new Date(Date.parse(iso) + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return d.toISOString().replace('.000Z', '') + `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const latest = (items) => items.map((i) => i.date).sort().at(-1);

function renderRss2(src) {
  const off = src.offsetMinutes ?? 0;
  const hasContent = src.items.some((i) => i.body);
  const out = [
    `<?xml version="1.0" encoding="${src.encoding ?? 'UTF-8'}"?>`,
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"' +
      ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `  <title>${escapeXml(src.title)}</title>`,
    `  <link>${escapeXml(src.site)}</link>`,
    `  <description>${escapeXml(src.description)}</description>`,
    `  <language>${src.lang}</language>`,
    `  <atom:link href="${escapeXml(src.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    `  <lastBuildDate>${formatRfc822(latest(src.items), off)}</lastBuildDate>`,
  ];
  for (const it of src.items) {
    out.push('  <item>', `    <title>${escapeXml(it.title)}</title>`, `    <link>${escapeXml(it.link)}</link>`);
    const permalink = it.guid === undefined || it.guid === it.link;
    out.push(`    <guid isPermaLink="${permalink}">${escapeXml(it.guid ?? it.link)}</guid>`);
    out.push(`    <pubDate>${formatRfc822(it.date, off)}</pubDate>`);
    // RSS 2.0's <author> is an e-mail address; a bare name goes in dc:creator.
    if (it.author?.includes('@')) out.push(`    <author>${escapeXml(it.author)}</author>`);
    else if (it.author) out.push(`    <dc:creator>${escapeXml(it.author)}</dc:creator>`);
    for (const c of it.categories ?? []) out.push(`    <category>${escapeXml(c)}</category>`);
    out.push(`    <description>${escapeXml(it.summary)}</description>`);
    if (hasContent && it.body) {
      out.push(`    <content:encoded><![CDATA[${toHtml(it.body)}]]></content:encoded>`);
    }
    out.push('  </item>');
  }
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}

function renderRdf(src) {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"',
    '         xmlns:dc="http://purl.org/dc/elements/1.1/">',
    `  <channel rdf:about="${escapeXml(src.feedUrl)}">`,
    `    <title>${escapeXml(src.title)}</title>`,
    `    <link>${escapeXml(src.site)}</link>`,
    `    <description>${escapeXml(src.description)}</description>`,
    `    <dc:language>${src.lang}</dc:language>`,
    `    <dc:date>${formatRfc3339(latest(src.items), 0)}</dc:date>`,
    '    <items>',
    '      <rdf:Seq>',
    ...src.items.map((it) => `        <rdf:li rdf:resource="${escapeXml(it.link)}"/>`),
    '      </rdf:Seq>',
    '    </items>',
    '  </channel>',
  ];
  for (const it of src.items) {
    out.push(
      `  <item rdf:about="${escapeXml(it.link)}">`,
      `    <title>${toCharRefs(escapeXml(it.title))}</title>`,
      `    <link>${escapeXml(it.link)}</link>`,
      `    <description>${toCharRefs(escapeXml(it.summary))}</description>`,
      `    <dc:date>${formatRfc3339(it.date, 0)}</dc:date>`,
    );
    if (it.author) out.push(`    <dc:creator>${escapeXml(it.author)}</dc:creator>`);
    for (const c of it.categories ?? []) out.push(`    <dc:subject>${toCharRefs(escapeXml(c))}</dc:subject>`);
    out.push('  </item>');
  }
  out.push('</rdf:RDF>', '');
  return out.join('\n');
}

function renderAtom(src) {
  const off = src.offsetMinutes ?? 0;
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="${escapeXml(src.base)}" xml:lang="${src.lang}">`,
    `  <id>${escapeXml(src.atomId)}</id>`,
    `  <title>${escapeXml(src.title)}</title>`,
    `  <subtitle>${escapeXml(src.description)}</subtitle>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(src.siteHref)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(src.selfHref)}"/>`,
    `  <updated>${formatRfc3339(latest(src.items), off)}</updated>`,
    `  <author><name>${escapeXml(src.title)}</name></author>`,
  ];
  for (const it of src.items) {
    out.push(it.base ? `  <entry xml:base="${escapeXml(it.base)}">` : '  <entry>');
    out.push(
      `    <id>${escapeXml(it.guid)}</id>`,
      `    <title type="text">${escapeXml(it.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(it.href)}"/>`,
      `    <published>${formatRfc3339(it.date, off)}</published>`,
      `    <updated>${formatRfc3339(it.updated ?? it.date, off)}</updated>`,
    );
    if (it.author) out.push(`    <author><name>${escapeXml(it.author)}</name></author>`);
    for (const c of it.categories ?? []) out.push(`    <category term="${escapeXml(c)}"/>`);
    out.push(`    <summary type="text">${escapeXml(it.summary)}</summary>`);
    if (it.body) out.push(`    <content type="html">${escapeXml(toHtml(it.body))}</content>`);
    out.push('  </entry>');
  }
  out.push('</feed>', '');
  return out.join('\n');
}

function renderJsonFeed(src) {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: src.title,
    home_page_url: src.site,
    feed_url: src.feedUrl,
    description: src.description,
    language: src.lang,
    items: src.items.map((it) => ({
      id: it.guid,
      url: it.link,
      title: it.title,
      summary: it.summary,
      ...(it.body ? { content_html: toHtml(it.body) } : { content_text: it.summary }),
      date_published: formatRfc3339(it.date, src.offsetMinutes ?? 0),
      ...(it.author ? { authors: [{ name: it.author }] } : {}),
      ...(it.categories ? { tags: it.categories } : {}),
    })),
  };
  return JSON.stringify(feed, null, 2) + '\n';
}

const RENDERERS = { rss2: renderRss2, rdf: renderRdf, atom: renderAtom, json: renderJsonFeed };

/** Encode for the declared charset and refuse to write a character it cannot hold. */
function encodeText(text, encoding) {
  if (!encoding || encoding.toLowerCase() === 'utf-8') return Buffer.from(text, 'utf8');
  const bytes = iconv.encode(text, encoding);
  if (iconv.decode(bytes, encoding) !== text) {
    throw new Error(`text does not survive a round trip through ${encoding}`);
  }
  return bytes;
}

function writeSamples() {
  const expected = [];
  for (const src of SOURCES) {
    const newestFirst = { ...src, items: [...src.items].sort((a, b) => b.date.localeCompare(a.date)) };
    const text = RENDERERS[src.format](newestFirst);
    writeFileSync(join(here, src.file), encodeText(text, src.encoding));
    for (const it of src.items) expected.push({ source: src.id, title: it.title, topics: it.topics });
  }
  const fixtureDir = join(repoRoot, 'tests', 'fixtures', 'samples');
  mkdirSync(fixtureDir, { recursive: true });
  writeFileSync(join(fixtureDir, 'expected-topics.json'), JSON.stringify({ items: expected }, null, 2) + '\n');
  return expected.length;
}

const count = writeSamples();
console.log(`wrote ${SOURCES.length} feeds, ${count} labelled items`);
