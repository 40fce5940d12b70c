import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import { parseConfig } from './parse-config.js';
import type { Config } from './types.js';

export async function readConfigText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [{ path: '', message: 'file not found or unreadable' }], { cause: error });
  }
}

/**
 * Writes an edited config.json only if it still passes `check`, and
 * atomically (temp file + rename), so a running daemon watching the file
 * never reads half of it.
 */
export async function writeConfigText(file: string, text: string): Promise<Config> {
  const config = parseConfig(text, file);
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
  return config;
}
