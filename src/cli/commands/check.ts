import { findConfigWarnings } from '../../config/find-config-warnings.js';
import { loadConfig } from '../../config/load-config.js';
import { ConfigError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { resolveConfigPath } from '../open-app.js';

/** `topicwire check`: exit 0 with a one-line summary and any warnings, or 1 with every problem. */
export async function runCheck(ctx: CliContext, options: { config?: string }): Promise<number> {
  const file = resolveConfigPath(ctx, options.config);
  try {
    const config = await loadConfig(file);
    const warnings = findConfigWarnings(config);
    const counted = warnings.length === 0 ? '' : `, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`;
    const alerts = config.alerts.length === 0 ? '' : `, ${config.alerts.length} alert${config.alerts.length === 1 ? '' : 's'}`;
    ctx.out(`${file}: ok (${config.sources.length} sources, ${config.topics.length} topics${alerts})${counted}\n`);
    for (const warning of warnings) ctx.out(`  ${warning.path}: warning: ${warning.message}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    ctx.err(`${error.message}\n`);
    return 1;
  }
}
