import { hideCredentials } from './credentials.js';

/**
 * The one error base class. Every error topicwire raises on purpose is a
 * TopicwireError (or a subclass) that names what failed: which source, which
 * field, which position of a query. Anything else that escapes is a bug.
 */
export class TopicwireError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem found in config.json: a JSON path and what is wrong there. */
export interface ConfigProblem {
  path: string;
  message: string;
}

export class ConfigError extends TopicwireError {
  readonly problems: readonly ConfigProblem[];
  constructor(file: string, problems: readonly ConfigProblem[], options?: { cause?: unknown }) {
    const lines = problems.map((p) => `  ${p.path || '(root)'}: ${p.message}`);
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${lines.join('\n')}`, options);
    this.problems = problems;
  }
}

/** An invalid topic query: `position` is the 0-based character offset. */
export class QueryError extends TopicwireError {
  readonly position: number;
  readonly expected: string;
  constructor(query: string, position: number, expected: string, found?: string) {
    const at = found === undefined ? 'end of query' : `"${found}"`;
    super(`query error at position ${position + 1}: expected ${expected}, found ${at} in: ${query}`);
    this.position = position;
    this.expected = expected;
  }
}

/** A source could not be fetched: recorded on that source, never fatal to a cycle. The URL is shown without credentials. */
export class FetchError extends TopicwireError {
  readonly url: string;
  readonly status: number | undefined;
  constructor(url: string, message: string, options?: { status?: number; cause?: unknown }) {
    const shown = hideCredentials(url);
    super(`${shown}: ${message}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.url = shown;
    this.status = options?.status;
  }
}

/** A fetched body is not a feed topicwire can read. */
export class ParseError extends TopicwireError {}

/** The database refused an operation or is held by another process. */
export class StoreError extends TopicwireError {}
