import { readFile, stat } from 'node:fs/promises';
import { FetchError } from '../errors.js';

/** A local source's bytes, held to the same byte limit as a download. */
export async function readFileSource(url: string, path: string, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new FetchError(url, `cannot read file ${path}: ${describe(error)}`, { cause: error });
  }
  if (size > maxBytes) {
    throw new FetchError(url, `body exceeds the maxBytes limit of ${maxBytes} bytes (file is ${size} bytes)`);
  }
  try {
    return await readFile(path, { signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new FetchError(url, `cannot read file ${path}: ${describe(error)}`, { cause: error });
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}
