import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { TopicwireError } from '../errors.js';
import type { RenderedFile } from './types.js';

/** Maps a URL path to a file under outDir ("/" → index.html), refusing anything that could escape it. */
export function toFilePath(outDir: string, urlPath: string): string {
  const relative = urlPath === '/' ? 'index.html' : urlPath.replace(/^\//, '');
  const segments = relative.split('/');
  const unsafe = segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'));
  const root = resolve(outDir);
  const target = resolve(root, ...segments);
  if (unsafe || !target.startsWith(root + sep)) throw new TopicwireError(`refusing to write ${JSON.stringify(urlPath)} outside ${root}`);
  return target;
}

/**
 * Writes through a temporary file in the same folder and renames it over the old one:
 * rename(2) replaces atomically, so a web server or reader never sees half a feed.
 */
async function writeAtomically(target: string, body: Buffer): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = join(dirname(target), `.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, body);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw new TopicwireError(`cannot write ${target}`, { cause: error });
  }
}

/** Writes every rendered file under outDir at the same path the server serves it from. */
export async function writeSite(files: ReadonlyMap<string, RenderedFile>, outDir: string): Promise<void> {
  const targets = [...files].map(([urlPath, file]) => ({ target: toFilePath(outDir, urlPath), body: file.body }));
  for (const { target, body } of targets) await writeAtomically(target, body);
}
