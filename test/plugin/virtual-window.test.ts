import { describe, expect, it } from 'vitest';
import { moveToItem, revealRow, rowAt, rowOffsets, visibleRange } from '../../plugin/views/virtual-window';

const SIZES = { header: 30, item: 50 };
type R = { type: 'header' | 'item' };
const rows: R[] = [{ type: 'header' }, ...Array.from({ length: 4 }, (): R => ({ type: 'item' })), { type: 'header' }, ...Array.from({ length: 10_000 }, (): R => ({ type: 'item' }))];

describe('virtual window', () => {
  const offsets = rowOffsets(rows, SIZES);

  it('lays rows out by type and knows the total height', () => {
    expect(Array.from(offsets.slice(0, 7))).toEqual([0, 30, 80, 130, 180, 230, 260]);
    expect(offsets[rows.length]).toBe(2 * 30 + 10_004 * 50);
  });

  it('finds the row under a pixel', () => {
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 29)).toBe(0);
    expect(rowAt(offsets, 30)).toBe(1);
    expect(rowAt(offsets, 259)).toBe(5);
    expect(rowAt(offsets, 1e12)).toBe(rows.length - 1);
  });

  it('renders only the rows in the viewport plus overscan, wherever it is scrolled', () => {
    expect(visibleRange(offsets, 0, 500, 5)).toEqual({ start: 0, end: 16 });
    const deep = visibleRange(offsets, 250_000, 800, 5);
    expect(deep.end - deep.start).toBeLessThanOrEqual(17 + 10);
    expect(offsets[deep.start + 5]!).toBeLessThanOrEqual(250_000);
    expect(visibleRange(offsets, offsets[rows.length]!, 800, 5).end).toBe(rows.length);
    expect(visibleRange(new Float64Array([0]), 0, 800)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls just enough to reveal a row', () => {
    expect(revealRow(offsets, 2, 0, 500)).toBe(0);
    expect(revealRow(offsets, 20, 0, 500)).toBe(offsets[21]! - 500);
    expect(revealRow(offsets, 2, 1000, 500)).toBe(offsets[2]);
  });

  it('moves between items, skipping headings and stopping at the ends', () => {
    expect(moveToItem(rows, -1, 1)).toBe(1);
    expect(moveToItem(rows, 4, 1)).toBe(6);
    expect(moveToItem(rows, 6, -1)).toBe(4);
    expect(moveToItem(rows, 1, -1)).toBe(1);
    expect(moveToItem(rows, 1, 1e9)).toBe(rows.length - 1);
    expect(moveToItem(rows, rows.length - 1, -1e9)).toBe(1);
    expect(moveToItem([{ type: 'header' }], -1, 1)).toBe(-1);
  });
});
