/** One source's place in a cycle whose sources are stored in config order. */
export interface SourceSlot {
  /** Resolves when this source may start: the source `window` places before it has been stored. */
  mayStart: Promise<void>;
  /** Resolves when every earlier source has been stored. */
  turn: Promise<void>;
  /** Marks this source stored (or failed); takes effect after `turn`, so the order holds. */
  done(): void;
}

/**
 * Sources are fetched concurrently but stored one at a time in config order,
 * so a fetched source waits, holding its parsed batch, until every source
 * before it is stored. Without a bound, one slow server lets every later
 * source be fetched and parsed into memory behind it (hundreds of batches in
 * a big cycle); with it, at most `window` sources are between starting and
 * being stored, whatever the servers do.
 */
export function createSourceOrder(count: number, window: number): SourceSlot[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a positive integer, got ${window}`);
  const stored: Promise<void>[] = [];
  const slots: SourceSlot[] = [];
  for (let i = 0; i < count; i += 1) {
    let markStored = (): void => undefined;
    stored.push(new Promise<void>((resolve) => (markStored = resolve)));
    const turn = stored[i - 1] ?? Promise.resolve();
    const mayStart = stored[i - window] ?? Promise.resolve();
    slots.push({ mayStart, turn, done: () => void turn.then(markStored) });
  }
  return slots;
}
