/**
 * What a command may touch of the outside world. The entry point fills it
 * from `process`; tests fill it with buffers, so commands never read globals.
 */
export interface CliContext {
  out: (text: string) => void;
  err: (text: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Whether stdout is a terminal: readable logs and progress instead of JSON lines. */
  isTTY: boolean;
  now: () => Date;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM). */
  stopSignal: AbortSignal;
  /** Fires on SIGHUP. */
  onReload: (listener: () => void) => void;
  /** This process's id, and whether another is running (for the daemon lock). */
  pid: number;
  isProcessAlive: (pid: number) => boolean;
}
