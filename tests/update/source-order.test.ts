import { describe, expect, it } from 'vitest';
import { createSourceOrder } from '../../src/update/source-order.js';

/** Which of `promises` have settled once every pending reaction has run. */
async function settled(promises: readonly Promise<void>[]): Promise<boolean[]> {
  const state = promises.map(() => false);
  promises.forEach((p, i) => void p.then(() => (state[i] = true)));
  await new Promise<void>((resolve) => setImmediate(resolve));
  return state;
}

describe('createSourceOrder', () => {
  it('lets only the first `window` sources start, and the next one once the first is stored', async () => {
    const slots = createSourceOrder(6, 3);
    expect(await settled(slots.map((s) => s.mayStart))).toEqual([true, true, true, false, false, false]);
    slots[0]?.done();
    expect(await settled(slots.map((s) => s.mayStart))).toEqual([true, true, true, true, false, false]);
  });

  it('gives each source its turn only after every earlier one is stored', async () => {
    const slots = createSourceOrder(3, 3);
    expect(await settled(slots.map((s) => s.turn))).toEqual([true, false, false]);
    slots[0]?.done();
    expect(await settled(slots.map((s) => s.turn))).toEqual([true, true, false]);
  });

  it('keeps the order when a later source reports done before an earlier one', async () => {
    const slots = createSourceOrder(4, 2);
    slots[1]?.done();
    expect(await settled(slots.map((s) => s.mayStart))).toEqual([true, true, false, false]);
    expect(await settled(slots.map((s) => s.turn))).toEqual([true, false, false, false]);
    slots[0]?.done();
    expect(await settled(slots.map((s) => s.mayStart))).toEqual([true, true, true, true]);
    expect(await settled(slots.map((s) => s.turn))).toEqual([true, true, true, false]);
  });

  it('refuses a window that would stop every source', () => {
    expect(() => createSourceOrder(2, 0)).toThrow(RangeError);
  });
});
