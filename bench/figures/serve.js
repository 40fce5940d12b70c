import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jsonField, startNode, startStaticServer, topicwire } from '../lib/children.js';
import { measureRequests } from '../lib/load.js';

/**
 * serve: a topic feed over HTTP from `topicwire serve` (already rendered and
 * cached) against a bare node:http server sending the same bytes; both
 * plain 200s and 304s to a matching If-None-Match.
 */
export async function benchServe({ configFile, workDir, seconds, topic }) {
  const server = startNode(['serve', '--config', configFile], {
    command: topicwire,
    stream: 'stderr',
    test: (line) => jsonField(line, (r) => r.event === 'listen'),
  });
  const { port } = await server.ready;
  const feedPath = `/topics/${topic}.rss`;
  const url = `http://127.0.0.1:${port}${feedPath}`;
  try {
    const response = await fetch(url);
    const body = Buffer.from(await response.arrayBuffer());
    const etag = response.headers.get('etag');
    if (response.status !== 200 || etag === null || body.length === 0) throw new Error(`serve: ${url} answered ${response.status}`);
    const bareDir = path.join(workDir, 'bare');
    mkdirSync(bareDir, { recursive: true });
    writeFileSync(path.join(bareDir, `${topic}.rss`), body);
    const bare = await startStaticServer(bareDir);
    try {
      const bareUrl = `${bare.url}/${topic}.rss`;
      const bareEtag = (await fetch(bareUrl, { method: 'HEAD' })).headers.get('etag');
      // A short run first on each, so neither is measured cold (JIT, connection setup).
      await measureRequests(bareUrl, { seconds: 1 });
      await measureRequests(url, { seconds: 1 });
      const bare200 = await measureRequests(bareUrl, { seconds });
      const ours200 = await measureRequests(url, { seconds });
      const bare304 = await measureRequests(bareUrl, { seconds, headers: { 'If-None-Match': bareEtag }, expectStatus: 304 });
      const ours304 = await measureRequests(url, { seconds, headers: { 'If-None-Match': etag }, expectStatus: 304 });
      return { bytes: body.length, ours200, bare200, ours304, bare304 };
    } finally {
      await bare.stop();
    }
  } finally {
    await server.stop();
  }
}
