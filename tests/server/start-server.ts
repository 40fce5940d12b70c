import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import type { RenderedFile } from '../../src/publish/types.js';
import { createServer } from '../../src/server/server.js';
import type { ServerOptions, SiteReader } from '../../src/server/types.js';

export interface RunningServer {
  server: http.Server;
  baseUrl: string;
  /** Status codes answered, in order, with the request path. */
  responses: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

export function makeReader(files: ReadonlyMap<string, RenderedFile>): SiteReader {
  return {
    files: () => files,
    health: () => ({ status: 503, body: { lastCycleAt: '2024-05-02T10:15:00.000Z', sources: { ok: 1, failing: 1 } } }),
    metrics: () => '# TYPE topicwire_fetches_total counter\ntopicwire_fetches_total 7\n',
  };
}

/** A real server on 127.0.0.1, port chosen by the OS. */
export async function startServer(reader: SiteReader, options: ServerOptions = {}): Promise<RunningServer> {
  const responses: RunningServer['responses'] = [];
  const server = createServer(reader, {
    ...options,
    onResponse: (info) => {
      responses.push({ method: info.method, path: info.path, status: info.status });
      options.onResponse?.(info);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    baseUrl: `http://127.0.0.1:${port}`,
    responses,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
