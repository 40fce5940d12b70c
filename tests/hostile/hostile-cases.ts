import type { HostileServer } from './hostile-server.js';

/** What `fetch` and `sources list` must say about one source. */
export type Expectation =
  | { status: 'failed'; error: RegExp; httpStatus?: number }
  | { status: 'ok'; items: number; warning?: RegExp };

export interface HostileCase {
  /** Source id in the config. */
  id: string;
  /** The case, as the README's table names it. */
  what: string;
  url: (server: HostileServer) => string;
  expect: Expectation;
}

export const FETCH_TIMEOUT_SECONDS = 2;
export const MAX_BYTES = 3_000_000;
export const HUGE_ITEMS = 10_000;

const timedOut = new RegExp(`timed out after ${FETCH_TIMEOUT_SECONDS} s`);
const route = (path: string) => (server: HostileServer) => server.url(path);

/**
 * One source per case of issue 5, plus a few the open web adds (gzip bomb,
 * binary body, refused and reset connections), and two sound sources that
 * must ingest whatever the others do.
 */
export const HOSTILE_CASES: readonly HostileCase[] = [
  { id: 'good-a', what: 'a sound feed next to the hostile ones', url: route('/good-a.xml'), expect: { status: 'ok', items: 5 } },
  { id: 'good-b', what: 'another sound feed', url: route('/good-b.xml'), expect: { status: 'ok', items: 5 } },
  { id: 'malformed', what: 'malformed XML, nothing readable', url: route('/malformed.xml'), expect: { status: 'failed', error: /not well-formed XML/ } },
  {
    id: 'partly-malformed',
    what: 'malformed XML around sound items',
    url: route('/partly-malformed.xml'),
    expect: { status: 'ok', items: 3, warning: /its entries were read one by one; skipped 2 of 5 entries/ },
  },
  { id: 'html-page', what: 'an HTML page instead of a feed', url: route('/html-page.xml'), expect: { status: 'failed', error: /not a feed: looks like an HTML page/ } },
  { id: 'empty-body', what: 'an empty body', url: route('/empty.xml'), expect: { status: 'failed', error: /not a feed: the body is empty/ } },
  { id: 'binary', what: 'binary bytes (a PNG) instead of a feed', url: route('/binary.xml'), expect: { status: 'failed', error: /not a feed: the body is neither XML nor JSON/ } },
  {
    id: 'too-large',
    what: 'a body over maxBytes, with Content-Length',
    url: route('/too-large.xml'),
    expect: { status: 'failed', error: new RegExp(`body exceeds the maxBytes limit of ${MAX_BYTES} bytes \\(Content-Length is \\d+\\)`) },
  },
  {
    id: 'too-large-chunked',
    what: 'an endless body, without Content-Length',
    url: route('/too-large-chunked.xml'),
    expect: { status: 'failed', error: new RegExp(`body exceeds the maxBytes limit of ${MAX_BYTES} bytes \\(received more than ${MAX_BYTES} bytes\\)`) },
  },
  {
    id: 'gzip-bomb',
    what: 'an endless gzip bomb (1000:1)',
    url: route('/gzip-bomb.xml'),
    expect: { status: 'failed', error: new RegExp(`received more than ${MAX_BYTES} bytes`) },
  },
  { id: 'trickle', what: 'a server that trickles body bytes forever', url: route('/trickle.xml'), expect: { status: 'failed', error: timedOut } },
  { id: 'trickle-headers', what: 'a server that trickles its headers forever', url: (s) => s.trickleHeadersUrl, expect: { status: 'failed', error: timedOut } },
  { id: 'never-answers', what: 'a server that accepts and never answers', url: (s) => s.silentUrl, expect: { status: 'failed', error: timedOut } },
  { id: 'refused', what: 'a port nobody listens on', url: (s) => s.refusedUrl, expect: { status: 'failed', error: /fetch failed: .*ECONNREFUSED/ } },
  { id: 'reset', what: 'a connection cut halfway through the body', url: route('/reset.xml'), expect: { status: 'failed', error: /fetch failed: / } },
  { id: 'redirect-loop', what: 'a redirect loop', url: route('/loop-a.xml'), expect: { status: 'failed', error: /redirect loop: .*\/loop-b\.xml → .*\/loop-a\.xml/ } },
  { id: 'redirect-chain', what: 'a chain of 8 redirects', url: route('/hop-0.xml'), expect: { status: 'failed', error: /too many redirects \(more than 5\)/ } },
  {
    id: 'redirect-file',
    what: 'a redirect to file:///etc/passwd',
    url: route('/redirect-file.xml'),
    expect: { status: 'failed', error: /refusing redirect to non-http\(s\) URL "file:\/\/\/etc\/passwd"/ },
  },
  {
    id: 'redirect-javascript',
    what: 'a redirect to javascript:',
    url: route('/redirect-javascript.xml'),
    expect: { status: 'failed', error: /refusing redirect to non-http\(s\) URL "javascript:/ },
  },
  { id: 'redirect-ftp', what: 'a permanent redirect to ftp:', url: route('/redirect-ftp.xml'), expect: { status: 'failed', error: /refusing redirect to non-http\(s\) URL "ftp:/ } },
  { id: 'http-500', what: 'HTTP 500', url: route('/http-500.xml'), expect: { status: 'failed', error: /HTTP 500 Internal Server Error/, httpStatus: 500 } },
  { id: 'http-503', what: 'HTTP 503 with Retry-After', url: route('/http-503.xml'), expect: { status: 'failed', error: /HTTP 503 Service Unavailable/, httpStatus: 503 } },
  { id: 'http-429', what: 'HTTP 429 with Retry-After', url: route('/http-429.xml'), expect: { status: 'failed', error: /HTTP 429 Too Many Requests/, httpStatus: 429 } },
  { id: 'wrong-charset', what: 'windows-1252 bytes served as charset=utf-8', url: route('/wrong-charset.xml'), expect: { status: 'ok', items: 1 } },
  { id: 'wrong-utf16', what: 'UTF-8 bytes served as charset=utf-16', url: route('/wrong-utf16.xml'), expect: { status: 'ok', items: 1 } },
  { id: 'wrong-latin1', what: 'UTF-8 bytes served as charset=iso-8859-1', url: route('/wrong-latin1.xml'), expect: { status: 'ok', items: 1 } },
  { id: 'bom-utf8', what: 'a UTF-8 BOM, the declaration says windows-1252', url: route('/bom-utf8.xml'), expect: { status: 'ok', items: 1 } },
  { id: 'bom-utf16', what: 'a UTF-16LE BOM, header and declaration say otherwise', url: route('/bom-utf16.xml'), expect: { status: 'ok', items: 1 } },
  {
    id: 'billion-laughs',
    what: 'XML entity expansion ("billion laughs")',
    url: route('/billion-laughs.xml'),
    expect: { status: 'ok', items: 1, warning: /stripped the <!DOCTYPE> declaration; its entities were not expanded/ },
  },
  {
    id: 'external-entity',
    what: 'external entities (file:///etc/passwd, http, parameter entity)',
    url: route('/external-entity.xml'),
    expect: { status: 'ok', items: 1, warning: /stripped the <!DOCTYPE> declaration/ },
  },
  { id: 'bad-dates', what: 'invalid and far-future dates', url: route('/bad-dates.xml'), expect: { status: 'ok', items: 8 } },
  { id: 'missing-fields', what: 'items with no guid, no link or no title', url: route('/missing-fields.xml'), expect: { status: 'ok', items: 5 } },
  { id: 'duplicate-guids', what: 'duplicate guids inside one feed', url: route('/duplicate-guids.xml'), expect: { status: 'ok', items: 6 } },
  { id: 'huge', what: `a feed of ${HUGE_ITEMS.toLocaleString('en')} items`, url: route('/huge.xml'), expect: { status: 'ok', items: HUGE_ITEMS } },
  {
    id: 'unclosed-markup',
    what: 'a megabyte of unclosed tags, comments, PIs and CDATA after a sound item',
    url: route('/unclosed-markup.xml'),
    expect: { status: 'ok', items: 1, warning: /its entries were read one by one/ },
  },
  { id: 'control-chars', what: 'control characters and lone surrogates (XML)', url: route('/control-chars.xml'), expect: { status: 'ok', items: 2 } },
  { id: 'control-json', what: 'control characters and lone surrogates (JSON Feed)', url: route('/control-chars.json'), expect: { status: 'ok', items: 1 } },
  { id: 'xss-rss', what: 'script, event handlers, javascript: in RSS', url: route('/xss-rss.xml'), expect: { status: 'ok', items: 4 } },
  { id: 'xss-atom', what: 'script, event handlers, javascript: in Atom', url: route('/xss-atom.xml'), expect: { status: 'ok', items: 2 } },
  { id: 'xss-json', what: 'script, event handlers, javascript: in JSON Feed', url: route('/xss-json.json'), expect: { status: 'ok', items: 2 } },
];
