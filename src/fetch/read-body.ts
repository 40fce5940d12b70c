import { FetchError } from '../errors.js';

/**
 * Reads a response body chunk by chunk and stops as soon as it passes
 * `maxBytes`, so a huge or endless body never sits in memory. A declared
 * Content-Length over the limit is refused before reading anything. The byte
 * count is of decoded bytes: undici has already undone Content-Encoding.
 */
export async function readBodyWithin(
  url: string,
  body: ReadableStream<Uint8Array> | null,
  contentLength: string | null,
  maxBytes: number,
): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0);
  const declared = contentLength === null ? Number.NaN : Number(contentLength);
  if (declared > maxBytes) {
    await cancelQuietly(body);
    throw tooLarge(url, maxBytes, `Content-Length is ${declared}`);
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes, `received more than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return concatChunks(chunks, total);
}

export async function cancelQuietly(body: ReadableStream<Uint8Array> | null): Promise<void> {
  await body?.cancel().catch(() => undefined);
}

function tooLarge(url: string, maxBytes: number, detail: string): FetchError {
  return new FetchError(url, `body exceeds the maxBytes limit of ${maxBytes} bytes (${detail})`);
}

function concatChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
