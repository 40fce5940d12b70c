import type { IncomingMessage, ServerResponse } from 'node:http';

export type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void;

/** An RSS body with `count` items whose ids start with `prefix`. */
export function makeRss(prefix: string, count: number, extraChannel = ''): string {
  const items = Array.from(
    { length: count },
    (_, i) => `<item><title>${prefix} story ${i}</title><link>https://${prefix}.example/${i}</link><guid>${prefix}-${i}</guid><pubDate>${new Date(Date.UTC(2024, 2, 19, i)).toUTCString()}</pubDate></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>${prefix}</title><link>https://${prefix}.example/</link>${extraChannel}\n${items.join('\n')}\n</channel></rss>\n`;
}

/** Dispatches by path, counting hits per path (the count is passed to the route, starting at 1). */
export function routeRequests(routes: Record<string, Route>) {
  const hits = new Map<string, number>();
  return {
    hits: (path: string): number => hits.get(path) ?? 0,
    handle(req: IncomingMessage, res: ServerResponse): void {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const hit = (hits.get(path) ?? 0) + 1;
      hits.set(path, hit);
      const route = routes[path];
      if (route) route(req, res, hit);
      else res.writeHead(404).end();
    },
  };
}
