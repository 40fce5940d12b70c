import { readFileSync } from 'node:fs';

/**
 * topicwire's version, from its package.json (one folder above both src/ and
 * dist/), so `--version` and the User-Agent never drift from the release.
 */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
