import { FetchError } from '../errors.js';

/**
 * A non-2xx answer. Carries the response headers because the caller decides
 * what to do next from them: Retry-After on 429 / 503 (RFC 9110 §10.2.3).
 */
export class HttpStatusError extends FetchError {
  readonly headers: Record<string, string>;
  constructor(url: string, status: number, statusText: string, headers: Record<string, string>) {
    super(url, `HTTP ${status} ${statusText}`.trimEnd(), { status });
    this.headers = headers;
  }
}
