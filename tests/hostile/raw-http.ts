import net from 'node:net';

export interface RawAnswer {
  /** Status of the first response, or 0 if the server closed without one. */
  status: number;
  /** Everything received, as latin1 text. */
  text: string;
}

/**
 * Writes `payload` byte for byte (no URL normalisation, no header checks) and
 * collects what comes back until the server closes. A reset after the answer
 * (the server dropping unread request bytes) still counts as an answer.
 */
export function rawExchange(port: number, payload: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(payload));
    const chunks: Buffer[] = [];
    const finish = (): void => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text });
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', finish);
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' || error.code === 'EPIPE' ? finish() : reject(error)));
  });
}

export const get = (target: string, headers = ''): string => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}Connection: close\r\n\r\n`;
