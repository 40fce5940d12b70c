import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../src/parse/index.js';

describe('feed fetch hints', () => {
  it('reads ttl, sy:updatePeriod/updateFrequency, skipHours and skipDays (RSS 2.0)', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>t</title>
      <ttl>60</ttl><sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>
      <skipHours><hour>1</hour><hour>2</hour><hour>25</hour></skipHours><skipDays><day>sunday</day><day>Someday</day></skipDays>
      <item><title>a</title></item></channel></rss>`,
      'https://example.com/feed',
    );
    expect(feed.hints).toEqual({ ttlMinutes: 60, updatePeriod: 'hourly', updateFrequency: 2, skipHours: [1, 2], skipDays: ['Sunday'] });
  });

  it('reads sy:updatePeriod in RSS 1.0 and ignores values the specs do not allow', async () => {
    const feed = await parseFeed(
      `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/">
      <channel rdf:about="https://x.example/"><title>t</title><link>https://x.example/</link><sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>-3</sy:updateFrequency></channel>
      <item rdf:about="https://x.example/1"><title>a</title><link>https://x.example/1</link></item></rdf:RDF>`,
      'https://x.example/feed',
    );
    expect(feed.hints).toEqual({ updatePeriod: 'daily' });
  });

  it('has no hints when the feed gives none', async () => {
    const feed = await parseFeed('<rss version="2.0"><channel><title>t</title><ttl>soon</ttl></channel></rss>', 'https://x.example/');
    expect(feed.hints).toBeUndefined();
  });
});
