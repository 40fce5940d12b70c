import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
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

/** What the user can do something about, by errno (see errno(3)). */
const FS_REASONS: Readonly<Record<string, string>> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder is in the way of a file',
};

/** The output folder cannot take a file: which, and why, in one line. */
export class OutputWriteError extends TopicwireError {}

function isFile(target: string): boolean {
  try {
    return statSync(target).isFile();
  } catch {
    return false;
  }
}

function describeWriteError(outDir: string, error: unknown): OutputWriteError {
  const { code, path } = error as NodeJS.ErrnoException;
  const itself = (code === 'EEXIST' || code === 'ENOTDIR') && isFile(outDir) ? 'it is a file, not a folder' : undefined;
  const reason = itself ?? (code === undefined ? undefined : FS_REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  const where = path === undefined ? '' : ` at ${path}`;
  return new OutputWriteError(`cannot write the output folder ${outDir}: ${reason} (${code ?? 'error'}${where})`, { cause: error });
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
    throw error;
  }
}

/** Writes every rendered file under outDir at the same path the server serves it from. */
export async function writeSite(files: ReadonlyMap<string, RenderedFile>, outDir: string): Promise<void> {
  const targets = [...files].map(([urlPath, file]) => ({ target: toFilePath(outDir, urlPath), body: file.body }));
  try {
    for (const { target, body } of targets) await writeAtomically(target, body);
  } catch (error) {
    throw describeWriteError(outDir, error);
  }
}

/** Fails as writeSite would when outDir cannot take files, without changing what is in it. */
export async function checkWritable(outDir: string): Promise<void> {
  const probe = join(outDir, `.${randomUUID()}.tmp`);
  try {
    await mkdir(outDir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw describeWriteError(outDir, error);
  }
}
