import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { parseConfig } from './parse-config.js';
import type { Config } from './types.js';

/** Reads and validates a config file; a missing or unreadable file is a ConfigError too. */
export async function loadConfig(file: string): Promise<Config> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'cannot be read';
    throw new ConfigError(absolute, [{ path: '', message: reason }], { cause: error });
  }
  return parseConfig(text, absolute);
}
