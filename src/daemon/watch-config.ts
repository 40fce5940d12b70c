import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/**
 * Calls `onChange` once a burst of writes to the config file has settled.
 * The folder is watched, not the file: editors often save by writing a new
 * file and renaming it over the old one, which a watch on the old inode misses.
 */
export function watchConfigFile(file: string, onChange: () => void, settleMs = 300): { close(): void } {
  const name = path.basename(file);
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined = watch(path.dirname(file), (_event, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, settleMs);
  });
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
    },
  };
}
