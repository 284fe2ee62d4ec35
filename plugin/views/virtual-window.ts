// Pure: which rows of a long list are on screen (fixed row heights per row type) and keyboard movement between items.

/** Row heights in CSS pixels. */
export interface RowSizes {
  header: number;
  item: number;
}

/** The smallest shape of a row this module needs. */
export interface SizedRow {
  type: 'header' | 'item';
}

/** A half-open range of row indices [start, end). */
export interface RowRange {
  start: number;
  end: number;
}

/** Top offset of every row, plus the total height as the last element (length n + 1). */
export function rowOffsets(rows: readonly SizedRow[], sizes: RowSizes): Float64Array {
  const offsets = new Float64Array(rows.length + 1);
  let y = 0;
  for (let i = 0; i < rows.length; i++) {
    offsets[i] = y;
    y += rows[i]!.type === 'header' ? sizes.header : sizes.item;
  }
  offsets[rows.length] = y;
  return offsets;
}

/** Index of the row that contains pixel `y` (binary search over the offsets). */
export function rowAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The rows intersecting the viewport, widened by `overscan` rows on each side so fast scrolling shows no gaps. */
export function visibleRange(offsets: Float64Array, scrollTop: number, viewportHeight: number, overscan = 6): RowRange {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const first = rowAt(offsets, top);
  const last = rowAt(offsets, top + Math.max(0, viewportHeight) - 1);
  return { start: Math.max(0, first - overscan), end: Math.min(n, last + 1 + overscan) };
}

/** The scrollTop that brings row `index` fully into view, moving as little as possible. */
export function revealRow(offsets: Float64Array, index: number, scrollTop: number, viewportHeight: number): number {
  const top = offsets[index] ?? 0;
  const bottom = offsets[index + 1] ?? top;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/**
 * The next item row from `from` moving by `step` items (negative moves up), skipping headings and
 * stopping at the ends. With `from` = -1 the first item is returned for any forward step.
 */
export function moveToItem(rows: readonly SizedRow[], from: number, step: number): number {
  const dir = step < 0 ? -1 : 1;
  let remaining = Math.abs(step);
  let index = from;
  let lastItem = from >= 0 && rows[from]?.type === 'item' ? from : -1;
  for (let i = from + dir; i >= 0 && i < rows.length && remaining > 0; i += dir) {
    if (rows[i]!.type !== 'item') continue;
    lastItem = i;
    remaining--;
  }
  index = lastItem;
  if (index < 0) {
    // Nothing in that direction: stay, or land on the first item when there was no selection.
    const first = rows.findIndex((r) => r.type === 'item');
    return from >= 0 && rows[from]?.type === 'item' ? from : first;
  }
  return index;
}
