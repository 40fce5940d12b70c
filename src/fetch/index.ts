export { fetchFeed, type FetchDeps } from './fetch-feed.js';
export { createHostLimiter, type HostLimiter, type HostLimiterOptions } from './host-limiter.js';
export { decodeBody, type DecodedBody } from './decode-body.js';
export { HttpStatusError } from './http-status-error.js';
