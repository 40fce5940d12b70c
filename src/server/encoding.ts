import { gzipSync } from 'node:zlib';
import type { RenderedFile } from '../publish/types.js';

interface Coding {
  name: string;
  q: number;
}

function parseAcceptEncoding(header: string): Coding[] {
  return header.split(',').flatMap((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name === undefined || name === '') return [];
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    return [{ name, q: Number.isNaN(q) ? 0 : q }];
  });
}

/** RFC 9110 §12.5.3: gzip (or x-gzip) named with q > 0, or "*" with q > 0 and gzip not refused. */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  const codings = parseAcceptEncoding(header);
  const gzip = codings.find((c) => c.name === 'gzip' || c.name === 'x-gzip');
  if (gzip !== undefined) return gzip.q > 0;
  const star = codings.find((c) => c.name === '*');
  return star !== undefined && star.q > 0;
}

/**
 * The gzip body of a file, compressed once. Keyed by the file object, so files
 * dropped by a rebuild are dropped from the cache with them.
 */
export function createGzipCache(): (file: RenderedFile) => Buffer {
  const cache = new WeakMap<RenderedFile, Buffer>();
  return (file) => {
    let gz = cache.get(file);
    if (gz === undefined) {
      gz = gzipSync(file.body, { level: 9 });
      cache.set(file, gz);
    }
    return gz;
  };
}

/**
 * The gzip variant is not byte-identical, so it cannot share the strong tag; as a weak
 * tag of the same value (RFC 9110 §8.8.3) it still matches either variant on revalidation.
 */
export function toGzipEtag(etag: string): string {
  return etag.startsWith('W/') ? etag : `W/${etag}`;
}
