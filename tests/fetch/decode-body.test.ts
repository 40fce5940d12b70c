import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/index.js';

const RUSSIAN = 'НАТО и Южный Кавказ: ёлка, Тбилиси';
const CURLY = 'Price: 5 € — “quoted” and ‘single’ … done';

function xmlIn(encodingLabel: string, body: string): string {
  return `<?xml version="1.0" encoding="${encodingLabel}"?>\n<rss><channel><title>${body}</title></channel></rss>`;
}

describe('decodeBody', () => {
  it.each([
    ['windows-1251', 'text/xml; charset=windows-1251'],
    ['koi8-r', 'application/rss+xml; charset="KOI8-R"'],
  ])('decodes %s from the Content-Type charset', (encoding, contentType) => {
    const bytes = iconv.encode(RUSSIAN, encoding);
    expect(decodeBody(bytes, contentType)).toEqual({ text: RUSSIAN, charset: encoding, charsetFrom: 'content-type' });
  });

  it('keeps € and curly quotes of windows-1252 (bytes 0x80, 0x93, 0x94, 0x91, 0x92)', () => {
    const bytes = iconv.encode(CURLY, 'windows-1252');
    expect([...bytes]).toEqual(expect.arrayContaining([0x80, 0x93, 0x94, 0x91, 0x92]));
    expect(decodeBody(bytes, 'text/xml; charset=windows-1252').text).toBe(CURLY);
  });

  it.each(['iso-8859-1', 'ISO-8859-1', 'latin1', 'us-ascii'])('reads a %s label as windows-1252', (label) => {
    const bytes = Buffer.from([0x80, 0x20, 0x93, 0x61, 0x94, 0x20, 0xe9]);
    expect(decodeBody(bytes, `text/xml; charset=${label}`)).toEqual({
      text: '€ “a” é',
      charset: 'windows-1252',
      charsetFrom: 'content-type',
    });
  });

  it('reads iso-8859-1 from an XML declaration as windows-1252 too', () => {
    const bytes = iconv.encode(xmlIn('ISO-8859-1', CURLY), 'windows-1252');
    const decoded = decodeBody(bytes, 'application/rss+xml');
    expect(decoded).toMatchObject({ charset: 'windows-1252', charsetFrom: 'xml-declaration' });
    expect(decoded.text).toContain(CURLY);
  });

  it('takes the charset from the XML declaration when the header has none', () => {
    const bytes = iconv.encode(xmlIn('windows-1251', RUSSIAN), 'windows-1251');
    const decoded = decodeBody(bytes, undefined);
    expect(decoded).toMatchObject({ charset: 'windows-1251', charsetFrom: 'xml-declaration' });
    expect(decoded.text).toBe(xmlIn('windows-1251', RUSSIAN));
  });

  it('prefers the Content-Type charset over the XML declaration', () => {
    const bytes = iconv.encode(xmlIn('windows-1251', RUSSIAN), 'koi8-r');
    expect(decodeBody(bytes, 'text/xml; charset=koi8-r').text).toBe(xmlIn('windows-1251', RUSSIAN));
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(RUSSIAN)]);
    expect(decodeBody(bytes, 'text/xml')).toEqual({ text: RUSSIAN, charset: 'utf-8', charsetFrom: 'bom' });
  });

  it.each([
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
  ])('decodes %s by its BOM and strips it', (encoding, bom) => {
    const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(xmlIn('utf-16', RUSSIAN), encoding)]);
    expect(decodeBody(bytes, undefined)).toEqual({ text: xmlIn('utf-16', RUSSIAN), charset: encoding, charsetFrom: 'bom' });
  });

  it('lets a BOM win over a declaration that disagrees', () => {
    const text = xmlIn('windows-1251', RUSSIAN);
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    expect(decodeBody(bytes, 'text/xml; charset=iso-8859-1')).toEqual({ text, charset: 'utf-8', charsetFrom: 'bom' });
  });

  it('falls back to utf-8 for an unknown label and says so', () => {
    const bytes = Buffer.from(RUSSIAN);
    expect(decodeBody(bytes, 'text/xml; charset=x-no-such-charset')).toEqual({ text: RUSSIAN, charset: 'utf-8', charsetFrom: 'default' });
  });

  it('reads an ASCII declaration claiming utf-16 as utf-8', () => {
    const text = xmlIn('UTF-16', RUSSIAN);
    expect(decodeBody(Buffer.from(text), undefined)).toEqual({ text, charset: 'utf-8', charsetFrom: 'xml-declaration' });
  });

  it('defaults JSON and undeclared bodies to utf-8', () => {
    const json = JSON.stringify({ title: RUSSIAN });
    expect(decodeBody(Buffer.from(json), 'application/feed+json')).toEqual({ text: json, charset: 'utf-8', charsetFrom: 'default' });
  });

  it('decodes a view into a larger buffer without reading outside it', () => {
    const whole = Buffer.from(`xx${RUSSIAN}yy`);
    const view = new Uint8Array(whole.buffer, whole.byteOffset + 2, whole.byteLength - 4);
    expect(decodeBody(view, undefined).text).toBe(RUSSIAN);
  });
});
