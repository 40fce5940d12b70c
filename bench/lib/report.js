/** One line per figure: name, value, baseline, ratio, target, verdict. */
export function formatFigure({ name, value, baseline, ratio, target, ok }) {
  const cells = [
    name.padEnd(14),
    value.padEnd(22),
    baseline === undefined ? ''.padEnd(46) : `baseline ${baseline}`.padEnd(46),
    ratio === undefined ? ''.padEnd(12) : `ratio ${ratio}`.padEnd(12),
    (target ?? '').padEnd(18),
    ok === undefined ? '' : ok ? 'OK' : 'MISSED',
  ];
  return cells.join(' ').trimEnd();
}

export const fixed = (n, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const mb = (bytes) => `${fixed(bytes / 1024 / 1024, 1)} MB`;
