import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/index.js';

const TEXT = 'Café – €5 “quoted” naïve';
const xmlIn = (label: string): string => `<?xml version="1.0" encoding="${label}"?><rss><channel><title>${TEXT}</title></channel></rss>`;

describe('decodeBody when the declared charset is wrong', () => {
  it('passes over charset=utf-8 when the bytes are not UTF-8, for the XML declaration', () => {
    const bytes = iconv.encode(xmlIn('windows-1252'), 'windows-1252');
    expect(decodeBody(bytes, 'text/xml; charset=utf-8')).toEqual({ text: xmlIn('windows-1252'), charset: 'windows-1252', charsetFrom: 'xml-declaration' });
  });

  it('falls back to windows-1252, as browsers do, when nothing else is declared', () => {
    const bytes = iconv.encode(`<rss><channel><title>${TEXT}</title></channel></rss>`, 'windows-1252');
    const decoded = decodeBody(bytes, 'text/xml; charset=utf-8');
    expect(decoded).toMatchObject({ charset: 'windows-1252', charsetFrom: 'default' });
    expect(decoded.text).toContain(TEXT);
  });

  it('passes over charset=utf-16 without a BOM when the body starts with ASCII', () => {
    const bytes = Buffer.from(xmlIn('utf-8'));
    expect(decodeBody(bytes, 'text/xml; charset=utf-16')).toEqual({ text: xmlIn('utf-8'), charset: 'utf-8', charsetFrom: 'xml-declaration' });
    expect(decodeBody(Buffer.from('{"version":"x"}'), 'application/json; charset=utf-16')).toMatchObject({ charset: 'utf-8', charsetFrom: 'default' });
  });

  it('still reads real UTF-16LE without a BOM when the header says so', () => {
    const bytes = iconv.encode(xmlIn('utf-16'), 'utf-16le');
    // Its zero bytes say so before the header does (XML 1.0 Appendix F).
    expect(decodeBody(bytes, 'text/xml; charset=utf-16le')).toEqual({ text: xmlIn('utf-16'), charset: 'utf-16le', charsetFrom: 'byte-pattern' });
  });

  it('passes over charset=iso-8859-1 for UTF-8 bytes that declare utf-8', () => {
    const bytes = Buffer.from(xmlIn('utf-8'));
    expect(decodeBody(bytes, 'text/xml; charset=ISO-8859-1')).toEqual({ text: xmlIn('utf-8'), charset: 'utf-8', charsetFrom: 'xml-declaration' });
  });

  it('reads valid multi-byte UTF-8 as UTF-8 under charset=iso-8859-1 alone, and keeps iso-8859-1 for bytes that are not UTF-8', () => {
    // Latin-1 text practically never forms valid multi-byte UTF-8 sequences.
    const utf8Undeclared = Buffer.from(`<rss><channel><title>${TEXT}</title></channel></rss>`);
    expect(decodeBody(utf8Undeclared, 'text/xml; charset=iso-8859-1')).toMatchObject({ charset: 'utf-8', charsetFrom: 'default', text: expect.stringContaining(TEXT) });
    const latin = iconv.encode(xmlIn('utf-8'), 'windows-1252');
    expect(decodeBody(latin, 'text/xml; charset=iso-8859-1')).toEqual({ text: xmlIn('utf-8'), charset: 'windows-1252', charsetFrom: 'content-type' });
  });
});
