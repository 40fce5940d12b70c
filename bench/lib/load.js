import path from 'node:path';
import { repoDir, runNode } from './children.js';

const autocannonBin = path.join(repoDir, 'node_modules/autocannon/autocannon.js');

/**
 * Requests per second against `url`, measured by autocannon in its own
 * process (so the client's CPU is not the server's), 10 connections.
 * Any non-2xx/304 answer or error makes the measurement fail.
 */
export async function measureRequests(url, { seconds, headers = {}, expectStatus = 200 }) {
  const headerArgs = Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  const { stdout } = await runNode([autocannonBin, '-j', '-c', '10', '-d', String(seconds), ...headerArgs, url]);
  const result = JSON.parse(stdout);
  const expected = expectStatus === 304 ? result['3xx'] : result['2xx'];
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx - (expectStatus === 304 ? result['3xx'] : 0) > 0 || expected === 0) {
    throw new Error(`autocannon ${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx, expected status ${expectStatus}`);
  }
  return { rps: result.requests.average, p99ms: result.latency.p99, bytesPerSec: result.throughput.average };
}
