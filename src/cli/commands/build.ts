import path from 'node:path';
import { assembleSite } from '../../daemon/assemble-site.js';
import { checkWritable, renderSite, writeSite } from '../../publish/index.js';
import type { CliContext } from '../context.js';
import { openApp } from '../open-app.js';

/** `topicwire build [--out DIR]`: every topic feed, the OPML and the index page, under the routes' paths. */
export async function runBuild(ctx: CliContext, options: { config?: string; out?: string }): Promise<number> {
  const app = await openApp(ctx, options.config);
  try {
    const out = options.out === undefined ? app.config.output.dir : path.resolve(ctx.cwd, options.out);
    await checkWritable(out);
    const now = ctx.now();
    const files = renderSite(await assembleSite(app.store, app.config, now), now);
    await writeSite(files, out);
    ctx.out(`wrote ${files.size} files to ${out}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
