// A bare node:http server over the files of one folder, held in memory, with
// a strong ETag and Last-Modified per file and 304 on If-None-Match (RFC 9110
// §13.1.2). It serves the corpus to `fetch` and is the baseline for `serve`;
// it runs as its own process so its CPU is not charged to the one measured.
// With NEXT_DIR, the files there replace their namesakes once every file of
// DIR has been sent (200) at least once: a second cycle then finds those
// feeds changed, whenever it starts, with no signal to race against.
// Usage: node static-server.js DIR [NEXT_DIR]  → prints {"port":N} on stdout,
// and {"switched":N} when N files were replaced.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const [dir, nextDir] = process.argv.slice(2);
const lastModified = new Date(Date.UTC(2024, 5, 1)).toUTCString();

function readFiles(folder) {
  const files = new Map();
  for (const name of readdirSync(folder)) {
    const body = readFileSync(path.join(folder, name));
    const type = name.endsWith('.atom') ? 'application/atom+xml' : name.endsWith('.rss') ? 'application/rss+xml' : 'application/octet-stream';
    files.set(`/${name}`, { body, type, etag: `"${createHash('sha1').update(body).digest('hex')}"` });
  }
  return files;
}

const files = readFiles(dir);
const next = nextDir === undefined ? undefined : readFiles(nextDir);
const unsent = new Set(next === undefined ? [] : files.keys());

function noteSent(url) {
  if (next === undefined || !unsent.delete(url) || unsent.size > 0) return;
  for (const [name, file] of next) files.set(name, file);
  process.stdout.write(`${JSON.stringify({ switched: next.size })}\n`);
}

const server = http.createServer((req, res) => {
  const url = req.url ?? '/';
  const file = files.get(url);
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
  noteSent(url);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)) && server.closeAllConnections());
