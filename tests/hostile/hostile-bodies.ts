import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';

const FIXTURES = new URL('../fixtures/hostile/', import.meta.url);

export function readHostileFixture(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

export function rssOf(channel: string, items: readonly string[], declaration = '<?xml version="1.0" encoding="utf-8"?>'): string {
  return `${declaration}\n<rss version="2.0"><channel>${channel}\n${items.join('\n')}\n</channel></rss>\n`;
}

export function itemOf(guid: string, title: string, extra = ''): string {
  return `<item><title>${title}</title><link>https://${guid}.example/</link><guid>${guid}</guid><pubDate>Tue, 19 Mar 2024 10:00:00 GMT</pubDate>${extra}</item>`;
}

/** A sound feed whose items carry `word`, so its topic can tell them apart. */
export function goodFeed(id: string, count: number): string {
  const items = Array.from({ length: count }, (_, i) => itemOf(`${id}-${i}`, `Good ${id} story ${i}`, `<description>Sound ${id} item ${i}.</description>`));
  return rssOf(`<title>${id}</title><link>https://${id}.example/</link>`, items);
}

/**
 * One sound item, then about 1 MB of openers that never close: start tags
 * with an unclosed quote, comments, PIs and CDATA sections. Each is where a
 * lazy or quoted-attribute regular expression starts again and searches to
 * the end of the body, which took minutes for a megabyte.
 */
export function unclosedMarkupFeed(): string {
  return rssOf('<title>Unclosed</title><link>https://unclosed.example/</link>', [itemOf('unclosed-1', 'Sound item before unclosed markup')]).replace(
    '</channel>',
    `${'<item "<!-- <?a <![CDATA[ '.repeat(40_000)}</channel>`,
  );
}

/** `count` small items: 10,000 of them make a feed of about 2.3 MB. */
export function hugeFeed(count: number): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>Bulk story ${i}</title><link>https://bulk.example/${i}</link><guid>bulk-${i}</guid>` +
      `<pubDate>${new Date(Date.UTC(2024, 0, 1) + i * 60_000).toUTCString()}</pubDate><description>Bulk item number ${i} of ${count}.</description></item>`,
  );
  return rssOf('<title>Bulk</title><link>https://bulk.example/</link>', items);
}

/**
 * Raw C0 controls (XML 1.0 §2.2 forbids them even as references), DEL and C1
 * bytes, references to surrogates and non-characters, in every text field.
 */
export function controlCharsFeed(): Buffer {
  const c0 = '\u0001\u0002\u0007\u0008\u000B\u000C\u001B\u001F';
  const items = [
    `<item><title>Bell${c0} and escape in the title</title><link>https://controls.example/1</link><guid>ctl-1${c0}</guid>` +
      `<description>Description with\u0000NUL and \u007F DEL and references &#1; &#x1F; &#0;</description></item>`,
    `<item><title>Surrogates &#xD800; &#xDFFF; &#55296; non-chars &#xFFFE; &#xFFFF; kept &#x1F600;</title>` +
      `<link>https://controls.example/2</link><guid>ctl-2</guid><description><![CDATA[CDATA with \u0002 control]]></description></item>`,
  ];
  return Buffer.from(rssOf('<title>Controls</title><link>https://controls.example/</link>', items), 'utf8');
}

export const ACCENTED_TITLE = 'Café – €5 “quoted” naïve';

/** windows-1252 bytes under a Content-Type that claims UTF-8 (the XML declaration tells the truth). */
export function windows1252Body(): Buffer {
  return iconv.encode(
    rssOf('<title>Latin</title><link>https://latin.example/</link>', [itemOf('latin-1', ACCENTED_TITLE)], '<?xml version="1.0" encoding="windows-1252"?>'),
    'windows-1252',
  );
}

/** A UTF-8 body declared UTF-16 in Content-Type, without a BOM: read as UTF-16 it is noise. */
export function utf8DeclaredUtf16Body(): Buffer {
  return Buffer.from(rssOf('<title>Not sixteen</title><link>https://sixteen.example/</link>', [itemOf('sixteen-1', ACCENTED_TITLE)]), 'utf8');
}

/** UTF-8 bytes, declared UTF-8, under the common server default charset=iso-8859-1. */
export function utf8ServedAsLatin1Body(): Buffer {
  return Buffer.from(rssOf('<title>Latin header</title><link>https://latin-header.example/</link>', [itemOf('latin-header-1', ACCENTED_TITLE)]), 'utf8');
}

/** A UTF-8 BOM on a body whose XML declaration says windows-1252: the BOM is right. */
export function bomUtf8DeclaredLatinBody(): Buffer {
  const text = rssOf('<title>BOM</title><link>https://bom.example/</link>', [itemOf('bom-1', ACCENTED_TITLE)], '<?xml version="1.0" encoding="windows-1252"?>');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** A UTF-16LE BOM on a body whose XML declaration says UTF-8. */
export function bomUtf16DeclaredUtf8Body(): Buffer {
  const text = rssOf('<title>BOM16</title><link>https://bom16.example/</link>', [itemOf('bom16-1', ACCENTED_TITLE)]);
  return Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
}
