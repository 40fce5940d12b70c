// Preloaded into a topicwire child process (node --import): on exit, writes
// the process's peak resident set size as one JSON log line on stderr, so a
// test can bound memory exactly instead of sampling /proc.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `${JSON.stringify({ event: 'max-rss', kb: process.resourceUsage().maxRSS })}\n`);
});
