import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

const levelNames: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const hidden = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'event']);

/** One readable line per event, for a terminal: "12:00:01 info  fetch rt ok status=200 …". */
export function formatLogLine(line: string): string {
  const record = JSON.parse(line) as Record<string, unknown>;
  const time = new Date(Number(record.time)).toISOString().slice(11, 19);
  const level = (levelNames[Number(record.level)] ?? 'log').padEnd(5);
  const fields = Object.entries(record)
    .filter(([key, value]) => !hidden.has(key) && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => `${key}=${String(value)}`);
  const error = record.err as { stack?: string } | undefined;
  return `${time} ${level} ${String(record.msg ?? '')}${fields.length ? ` ${fields.join(' ')}` : ''}${error?.stack ? `\n${error.stack}` : ''}\n`;
}

/**
 * pino writes one JSON line per event (what log collectors want when stdout
 * is not a terminal); on a terminal the same events are shown as readable lines.
 */
export function createLogger(options: { write: (text: string) => void; pretty: boolean; level?: string }): Logger {
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString('utf8');
      options.write(options.pretty ? text.split('\n').filter(Boolean).map(formatLogLine).join('') : text);
      callback();
    },
  });
  return pino({ level: options.level ?? 'info', base: null }, destination);
}
