import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FIXTURES = new URL('../fixtures/parse/', import.meta.url);

/** A feed body from tests/fixtures/parse/, as the fetcher would hand it over: decoded text. */
export function readFixture(name: string): string {
  return readFileSync(fileURLToPath(new URL(name, FIXTURES)), 'utf8');
}
