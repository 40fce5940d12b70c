/** The middle value (the mean of the middle two for an even count): one slow run under load does not move it. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The smallest and largest value. */
export function extent(values) {
  return { min: Math.min(...values), max: Math.max(...values) };
}
