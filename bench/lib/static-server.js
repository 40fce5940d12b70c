// A bare node:http server over the files of one folder, held in memory, with
// a strong ETag and Last-Modified per file and 304 on If-None-Match (RFC 9110
// §13.1.2). It serves the corpus to `fetch` and is the baseline for `serve`;
// it runs as its own process so its CPU is not charged to the one measured.
// Usage: node static-server.js DIR  → prints {"port":N} on stdout.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const dir = process.argv[2];
const lastModified = new Date(Date.UTC(2024, 5, 1)).toUTCString();
const files = new Map();
for (const name of readdirSync(dir)) {
  const body = readFileSync(path.join(dir, name));
  const type = name.endsWith('.atom') ? 'application/atom+xml' : name.endsWith('.rss') ? 'application/rss+xml' : 'application/octet-stream';
  files.set(`/${name}`, { body, type, etag: `"${createHash('sha1').update(body).digest('hex')}"` });
}

const server = http.createServer((req, res) => {
  const file = files.get(req.url ?? '/');
  if (file === undefined) {
    res.writeHead(404, { 'Content-Length': 0 });
    res.end();
    return;
  }
  if (req.headers['if-none-match'] === file.etag) {
    res.writeHead(304, { ETag: file.etag, 'Last-Modified': lastModified });
    res.end();
    return;
  }
  res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.length, ETag: file.etag, 'Last-Modified': lastModified });
  res.end(file.body);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)) && server.closeAllConnections());
