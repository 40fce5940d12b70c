import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type CharsetSource = 'bom' | 'byte-pattern' | 'content-type' | 'xml-declaration' | 'default';

export interface DecodedBody {
  text: string;
  charset: string;
  charsetFrom: CharsetSource;
}

interface DetectedCharset {
  charset: string;
  from: CharsetSource;
  /** Bytes of byte order mark to skip before decoding. */
  skip: number;
}

/**
 * WHATWG Encoding maps all of these labels to windows-1252: real feeds
 * labelled iso-8859-1 carry € and curly quotes in 0x80–0x9F, which a strict
 * latin1 decoder turns into C1 control characters.
 */
const WINDOWS_1252_LABELS = new Set([
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1',
  'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1',
  'us-ascii', 'windows-1252', 'x-cp1252',
]);

const XML_DECLARATION_SCAN_BYTES = 1024;
const XML_ENCODING = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']+)\1/;
const CHARSET_PARAM = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;

/**
 * Turns body bytes into text. The BOM is the strongest evidence of how a body
 * is encoded, so it beats any label (WHATWG Encoding "decode"); then the HTTP
 * charset parameter (RFC 7303 §3 gives it precedence over the XML
 * declaration); then the XML declaration. JSON has neither and is UTF-8 by
 * RFC 8259 §8.1; anything else undeclared is UTF-8 when its bytes are, and
 * windows-1252 otherwise, as browsers read an unlabelled legacy page.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): DecodedBody {
  const detected = detectCharset(bytes, contentType);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset + detected.skip, bytes.byteLength - detected.skip);
  const text = iconv.decode(buffer, detected.charset, { stripBOM: detected.skip === 0 });
  return { text, charset: detected.charset, charsetFrom: detected.from };
}

/**
 * A label the bytes themselves disprove is passed over for the next evidence
 * (as feedparser does): servers often send a default charset that is not the
 * body's. Without a BOM nothing else is overruled.
 */
export function detectCharset(bytes: Uint8Array, contentType: string | undefined): DetectedCharset {
  const bom = sniffBom(bytes) ?? sniffWideEncoding(bytes);
  if (bom !== undefined) return bom;
  const candidates: DetectedCharset[] = [];
  const fromHeader = normalizeLabel(readContentTypeCharset(contentType));
  if (fromHeader !== undefined) candidates.push({ charset: fromHeader, from: 'content-type', skip: 0 });
  const fromDeclaration = normalizeDeclaredLabel(readXmlDeclarationEncoding(bytes));
  if (fromDeclaration !== undefined) candidates.push({ charset: fromDeclaration, from: 'xml-declaration', skip: 0 });
  const credible = candidates.find((candidate) => !isDisproved(candidate.charset, bytes));
  if (credible !== undefined) return credible;
  return { charset: isUtf8(bytes) ? 'utf-8' : 'windows-1252', from: 'default', skip: 0 };
}

/**
 * - UTF-16/32 without a BOM: every feed starts with ASCII ("<", "{" or
 *   space), which in those encodings has a zero byte among its first two
 *   (XML 1.0 Appendix F); bytes with that pattern were taken before labels;
 * - UTF-8: bytes that are not valid UTF-8;
 * - windows-1252 (what "iso-8859-1", the common server default, means) when
 *   the bytes are valid UTF-8 beyond ASCII: Latin-1 text almost never forms
 *   valid multi-byte sequences, while a UTF-8 body under a stale Latin-1
 *   header or declaration is common (feedparser and miniflux read it so).
 */
function isDisproved(charset: string, bytes: Uint8Array): boolean {
  if (/^utf-?(16|32)/.test(charset)) return bytes.length >= 2 && bytes[0] !== 0 && bytes[1] !== 0;
  if (charset === 'utf-8' || charset === 'utf8') return !isUtf8(bytes);
  if (charset === 'windows-1252') return hasNonAscii(bytes) && isUtf8(bytes);
  return false;
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((byte) => byte >= 0x80);
}

function sniffBom(bytes: Uint8Array): DetectedCharset | undefined {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { charset: 'utf-8', from: 'bom', skip: 3 };
  // UTF-32LE's BOM begins with UTF-16LE's, so it is tried first.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { charset: 'utf-32le', from: 'bom', skip: 4 };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { charset: 'utf-32be', from: 'bom', skip: 4 };
  if (b0 === 0xff && b1 === 0xfe) return { charset: 'utf-16le', from: 'bom', skip: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { charset: 'utf-16be', from: 'bom', skip: 2 };
  return undefined;
}

/**
 * XML 1.0 Appendix F: without a BOM, the zero bytes around the first
 * characters (an ASCII "<", "{" or space) tell UTF-32 and UTF-16 and their
 * byte order; no ASCII-compatible encoding has a zero byte there.
 */
function sniffWideEncoding(bytes: Uint8Array): DetectedCharset | undefined {
  if (bytes.length < 4) return undefined;
  const [b0, b1, b2, b3] = bytes;
  const zero = [b0 === 0, b1 === 0, b2 === 0, b3 === 0].map((isZero) => (isZero ? '0' : 'x')).join('');
  const charset = { '000x': 'utf-32be', x000: 'utf-32le', '0x0x': 'utf-16be', x0x0: 'utf-16le' }[zero];
  return charset === undefined ? undefined : { charset, from: 'byte-pattern', skip: 0 };
}

export function readContentTypeCharset(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const match = CHARSET_PARAM.exec(contentType);
  return match?.[1] ?? match?.[2];
}

export function readXmlDeclarationEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, XML_DECLARATION_SCAN_BYTES));
  return XML_ENCODING.exec(head.toString('latin1'))?.[2];
}

/** A label iconv-lite can decode, or undefined so the next source of evidence is tried. */
export function normalizeLabel(label: string | undefined): string | undefined {
  const lower = label?.trim().toLowerCase();
  if (lower === undefined || lower === '') return undefined;
  if (WINDOWS_1252_LABELS.has(lower)) return 'windows-1252';
  return iconv.encodingExists(lower) ? lower : undefined;
}

/**
 * A declaration we could read as ASCII cannot be UTF-16 or UTF-32 (those were
 * recognised by their BOM or zero bytes), so such a claim there is wrong and
 * the bytes are UTF-8 (as WHATWG HTML treats a <meta charset=utf-16>).
 */
function normalizeDeclaredLabel(label: string | undefined): string | undefined {
  const normalized = normalizeLabel(label);
  return normalized !== undefined && /^utf-?(16|32)/.test(normalized) ? 'utf-8' : normalized;
}
