import { loadConfig } from '../../config/load-config.js';
import { ConfigError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../open-app.js';

/** `topicwire check`: exit 0 with a one-line summary, or 1 with every problem. */
export async function runCheck(ctx: CliContext, options: { config?: string }): Promise<number> {
  const file = resolveConfigPath(ctx, options.config);
  try {
    const config = await loadConfig(file);
    ctx.out(`${file}: ok (${config.sources.length} sources, ${config.topics.length} topics)\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    ctx.err(`${error.message}\n`);
    return 1;
  }
}
