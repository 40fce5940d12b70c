/**
 * Where the key indexes keep their rows (migration 8). Both the event index
 * (`event_keys`, times in hours) and the near-duplicate index (`item_bands`,
 * minutes) are looked up only within a window around an item's time, so each
 * is ordered by a span of time first: `at / width`, then key. New rows go to
 * the newest spans and look-ups read the spans of their window, so the pages
 * a batch reads and writes depend on how many items arrive per span, not on
 * how many the store holds (docs/events.md "Cost"). Keyed by key first, a
 * batch's few hundred keys landed on as many pages scattered over the whole
 * index, a cost that grew with every stored item.
 *
 * Each width is part of its index's expression in migration 8, and the
 * queries name the same expression so SQLite uses that index: a change of
 * width is a new migration, not an edit here.
 */
export const EVENT_SPAN_HOURS = 48;
export const BAND_SPAN_MINUTES = 4320;

/**
 * The spans a window [from, to] touches, as SQLite computes `at / width` for
 * an integer `at` (division truncates toward zero), as a JSON array for
 * `IN (SELECT value FROM json_each(?))`.
 */
export function spansBetween(from: number, to: number, width: number): string {
  const spans: number[] = [];
  for (let span = Math.trunc(from / width); span <= Math.trunc(to / width); span += 1) spans.push(span);
  return JSON.stringify(spans);
}
