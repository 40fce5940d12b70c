// The text toolkit: each concept defined once, for every layer (a leaf: it imports nothing of topicwire).
export { foldText, isAsciiText } from './fold.js';
export { foldWords, foldWordSpans, type WordSpan } from './words.js';
export { endsSentence, findSentenceEnds, firstSentence } from './sentences.js';
export { collapseWhitespace } from './whitespace.js';
export { isXmlChar, stripForbiddenChars } from './xml-chars.js';
export { escapeHtml, escapeXml } from './escape.js';
export { sha256 } from './hash.js';
export { hasHttpScheme, isAbsoluteUrl, parseUrl, resolveUrl, toHttpUrl } from './urls.js';
