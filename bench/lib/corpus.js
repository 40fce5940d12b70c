import { createRandom } from './random.js';
import { BASE_TIME, generateStory } from './story.js';

/**
 * The bench corpus: `feeds` feeds of `items` items, RSS 2.0 and Atom 1.0,
 * every tenth feed in Russian, and about one item in ten a story another
 * feed carries too — under its link with tracking parameters added, or under
 * a link of its own (so only the fingerprint can merge it).
 */
export const DUPLICATE_RATE = 0.1;

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const cdata = (text) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

export function describeFeed(seed, feed) {
  return { format: feed % 5 < 3 ? 'rss' : 'atom', cyrillic: feed % 10 === 7, host: `www.site${feed}.example` };
}

/** The stories of one feed, copies included, newest first. */
export function storiesOfFeed(seed, feed, feeds, items) {
  const random = createRandom(seed * 31 + feed);
  const own = describeFeed(seed, feed);
  const stories = [];
  for (let index = 0; index < items; index += 1) {
    if (feeds > 1 && random.chance(DUPLICATE_RATE)) {
      const other = (feed + random.int(1, feeds - 1)) % feeds;
      const otherIndex = random.int(0, items - 1);
      const original = generateStory(seed, other, otherIndex, describeFeed(seed, other));
      const tracked = random.chance(0.5);
      const link = tracked
        ? `${original.link}?utm_source=site${feed}&utm_medium=rss&utm_campaign=syndication`
        : `https://${own.host}/syndicated/${other}/${otherIndex}`;
      stories.push({ ...original, link, guid: `${own.host}-copy-${index}`, published: new Date(original.published.getTime() + 3_600_000), duplicateOf: [other, otherIndex] });
    } else {
      stories.push(generateStory(seed, feed, index, own));
    }
  }
  return stories;
}

function renderRss(feed, stories, { cyrillic, host }) {
  const items = stories.map((s, i) => {
    // Half the RSS feeds put HTML in CDATA, half escape it, as real feeds do.
    const html = (text) => (feed % 2 === 0 ? cdata(text) : escapeXml(text));
    return `    <item>
      <title>${escapeXml(s.title)}</title>
      <link>${escapeXml(s.link)}</link>
      <guid isPermaLink="false">${escapeXml(s.guid)}</guid>
      <pubDate>${s.published.toUTCString()}</pubDate>
      <dc:creator>${escapeXml(s.author)}</dc:creator>
${s.categories.map((c) => `      <category>${escapeXml(c)}</category>`).join('\n')}
      <description>${html(s.summaryHtml)}</description>
      <content:encoded>${html(s.contentHtml)}</content:encoded>
    </item>${i === stories.length - 1 ? '' : ''}`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Site ${feed}</title>
    <link>https://${host}/</link>
    <description>News from site ${feed}</description>
    <language>${cyrillic ? 'ru' : 'en'}</language>
${items.join('\n')}
  </channel>
</rss>
`;
}

function renderAtom(feed, stories, { cyrillic, host }) {
  const updated = stories[0]?.published ?? new Date(0);
  const entries = stories.map(
    (s) => `  <entry>
    <id>tag:${host},2024:${escapeXml(s.guid)}</id>
    <title type="html">${escapeXml(escapeXml(s.title))}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(s.link)}"/>
    <published>${s.published.toISOString()}</published>
    <updated>${s.published.toISOString()}</updated>
    <author><name>${escapeXml(s.author)}</name></author>
${s.categories.map((c) => `    <category term="${escapeXml(c)}"/>`).join('\n')}
    <summary type="html">${escapeXml(s.summaryHtml)}</summary>
    <content type="html">${escapeXml(s.contentHtml)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${cyrillic ? 'ru' : 'en'}">
  <title>Site ${feed}</title>
  <id>tag:${host},2024:feed</id>
  <link rel="alternate" href="https://${host}/"/>
  <link rel="self" href="https://${host}/feed.atom"/>
  <updated>${updated.toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
}

/**
 * The same feed some time later: `fresh` new stories on top (newer than any
 * before, none carried elsewhere), its `fresh` oldest gone, as a feed that
 * keeps its newest `items` does.
 */
function laterStoriesOfFeed(seed, feed, feeds, items, fresh) {
  const own = describeFeed(seed, feed);
  const added = Array.from({ length: fresh }, (_, j) => ({
    ...generateStory(seed, feed, items + j, own),
    published: new Date(BASE_TIME + (fresh - j) * 600_000),
  }));
  return [...added, ...storiesOfFeed(seed, feed, feeds, items).slice(0, items - fresh)];
}

/** One feed's file: its URL path, bytes and item count; `fresh` new items makes it the later version. */
export function renderFeed(seed, feed, feeds, items, { fresh = 0 } = {}) {
  const info = describeFeed(seed, feed);
  const stories = fresh > 0 ? laterStoriesOfFeed(seed, feed, feeds, items, fresh) : storiesOfFeed(seed, feed, feeds, items);
  const body = info.format === 'rss' ? renderRss(feed, stories, info) : renderAtom(feed, stories, info);
  return {
    name: `feed-${String(feed).padStart(4, '0')}.${info.format === 'rss' ? 'rss' : 'atom'}`,
    body,
    items: stories.length,
    duplicates: stories.filter((s) => s.duplicateOf !== undefined).length,
  };
}
