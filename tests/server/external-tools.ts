import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PYTHON = '/usr/bin/python3';
export const NEWSBOAT = 'newsboat';

/** CI installs both tools; a missing one is a setup error that must say what to install, not a skip. */
export async function requireFeedparser(): Promise<void> {
  try {
    await run(PYTHON, ['-c', 'import feedparser']);
  } catch (error) {
    throw new Error(`${PYTHON} with feedparser is required for this test: apt-get install -y python3-feedparser`, { cause: error });
  }
}

export async function requireNewsboat(): Promise<void> {
  try {
    await run(NEWSBOAT, ['--version']);
  } catch (error) {
    throw new Error(`the newsboat binary is required for this test: apt-get install -y newsboat`, { cause: error });
  }
}

export async function runTool(file: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const { stdout } = await run(file, args, { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}
