import type { RenderedFile } from '../../src/publish/types.js';

export const NOW = new Date('2024-06-01T00:00:00Z');

export function fileAt(files: ReadonlyMap<string, RenderedFile>, path: string): RenderedFile {
  const file = files.get(path);
  if (file === undefined) throw new Error(`no rendered file at ${path}; have ${[...files.keys()].join(', ')}`);
  return file;
}

export function textAt(files: ReadonlyMap<string, RenderedFile>, path: string): string {
  return fileAt(files, path).body.toString('utf8');
}

/** XML 1.0 §2.2: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF. */
export const FORBIDDEN_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Markup that would run script or pull in active content if a reader rendered it. */
export function findActiveContent(html: string): string[] {
  const patterns: [string, RegExp][] = [
    ['dangerous element', /<\s*(script|style|iframe|object|embed|form|svg|math|link|meta|base)\b/i],
    ['event handler', /<[^>]*\son[a-z]+\s*=/i],
    ['style attribute', /<[^>]*\sstyle\s*=/i],
    ['script URL', /(href|src|action|formaction|poster|cite)\s*=\s*["']?\s*(javascript|vbscript|data):/i],
  ];
  return patterns.filter(([, re]) => re.test(html)).map(([name]) => name);
}

export function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(collectStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(collectStrings);
  return [];
}
