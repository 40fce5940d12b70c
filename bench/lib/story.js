import { createRandom } from './random.js';
import { AUTHORS, CATEGORIES, CYRILLIC, CYRILLIC_TOPIC_TERMS, FILLER, TOPIC_TERMS } from './words.js';

/** How often a story carries a topic's term; ukraine's query reads titles only. */
const TOPIC_RATES = { caucasus: 0.04, nato: 0.05, energy: 0.08, ukraine: 0.05, markets: 0.06 };
export const BASE_TIME = Date.UTC(2024, 5, 1);

function capitalise(word) {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Markup a feed really carries: links (some relative), emphasis, images, lists. */
function decorate(random, word, host) {
  const roll = random.next();
  if (roll < 0.03) return `<a href="${random.chance(0.5) ? '' : `https://${host}`}/tag/${word}">${word}</a>`;
  if (roll < 0.05) return `<strong>${word}</strong>`;
  if (roll < 0.07) return `<em>${word}</em>`;
  return word;
}

/**
 * One story, derived from (seed, feed, index) alone, so a copy carried by
 * another feed can be regenerated anywhere without generating the rest.
 * Returns the HTML a feed carries and the plain text a store keeps.
 */
export function generateStory(seed, feed, index, { cyrillic = false, host = `www.site${feed}.example` } = {}) {
  const random = createRandom((seed * 7919) ^ (feed * 100_003 + index * 17 + 1));
  const vocabulary = cyrillic ? CYRILLIC : FILLER;
  const termsOf = cyrillic ? CYRILLIC_TOPIC_TERMS : TOPIC_TERMS;
  const topics = Object.keys(TOPIC_RATES).filter((topic) => random.chance(TOPIC_RATES[topic]));
  const sentence = (min, max) => {
    const words = [];
    const count = random.int(min, max);
    for (let i = 0; i < count; i += 1) words.push(random.pick(vocabulary));
    return words;
  };
  const titleWords = sentence(5, 10);
  titleWords.push(`${index}`, `${feed}`);
  for (const topic of topics) titleWords.splice(random.int(0, titleWords.length), 0, random.pick(termsOf[topic]));
  const title = capitalise(titleWords.join(' '));

  // 0.4–2.4 KB of HTML per body, a few paragraphs as news feeds carry: 1,000
  // feeds × 50 items come to 126 MB, the corpus docs/performance.md's
  // comparison with other aggregators was measured on.
  const targetBytes = random.int(400, 2400);
  const paragraphsHtml = [];
  const paragraphsText = [];
  let bytes = 0;
  while (bytes < targetBytes) {
    const sentences = [];
    const sentencesText = [];
    for (let s = random.int(2, 5); s > 0; s -= 1) {
      const words = sentence(8, 20);
      if (topics.length > 0 && random.chance(0.15)) words.splice(random.int(0, words.length), 0, random.pick(termsOf[random.pick(topics)]));
      sentencesText.push(`${capitalise(words.join(' '))}.`);
      sentences.push(`${capitalise(words.map((w) => decorate(random, w, host)).join(' '))}.`);
    }
    const html = random.chance(0.1)
      ? `<figure><img src="/images/${feed}-${index}-${paragraphsHtml.length}.jpg" alt="${sentencesText[0]?.slice(0, 40) ?? ''}"><figcaption>${sentencesText[0] ?? ''}</figcaption></figure><p>${sentences.join(' ')}</p>`
      : `<p>${sentences.join(' ')}</p>`;
    paragraphsHtml.push(html);
    paragraphsText.push(sentencesText.join(' '));
    bytes += Buffer.byteLength(html);
  }
  const slug = titleWords.slice(0, 6).join('-').toLowerCase().replace(/[^\p{L}\p{N}-]/gu, '');
  const time = BASE_TIME - (index * 37 + feed * 3) * 60_000;
  return {
    title,
    link: `https://${host}/${new Date(time).toISOString().slice(0, 10).replaceAll('-', '/')}/${encodeURIComponent(slug)}`,
    guid: `${host}-${index}`,
    published: new Date(time),
    author: random.pick(AUTHORS),
    categories: [random.pick(CATEGORIES), ...(random.chance(0.3) ? [random.pick(CATEGORIES)] : [])],
    summaryHtml: `<p>${paragraphsText[0]?.slice(0, 240) ?? ''}</p>`,
    contentHtml: paragraphsHtml.join('\n'),
    text: paragraphsText.join(' '),
    topics,
  };
}
