import { readFileSync } from 'node:fs';

/**
 * Peak resident set size of a live process (`self` for this one), from
 * Linux's /proc (VmHWM, which counts every thread of the process), in bytes.
 */
export function readPeakRss(pid = 'self') {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}
