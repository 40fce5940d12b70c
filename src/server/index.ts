export type { ResponseInfo, ServerOptions, SiteReader } from './types.js';
export { createServer } from './server.js';
