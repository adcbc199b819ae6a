/**
 * Run-length building blocks for the lung mask: a voxel set stored as runs along x (one run = a
 * maximal stretch of set voxels in one image row), labelled with a union-find over runs instead of
 * a queue over voxels. Two runs in neighbouring rows are 4-/6-connected exactly when their x ranges
 * overlap (He, Chao, Suzuki, "A run-based two-scan labeling algorithm", IEEE TIP 2008;17:749).
 */

/** A growable Int32Array (push only). */
export class IntVector {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  clear(): void {
    this.length = 0;
  }
}

/** Root of run `a`, halving the path on the way. */
export function findRoot(parent: Int32Array, a: number): number {
  let r = a;
  while (parent[r] !== r) {
    const up = parent[parent[r]!]!;
    parent[r] = up;
    r = up;
  }
  return r;
}

/** Joins two runs' sets; the smaller index becomes the root, so a root is its set's first run. */
export function unionRuns(parent: Int32Array, a: number, b: number): void {
  const ra = findRoot(parent, a);
  const rb = findRoot(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}

/**
 * Unions every pair of overlapping runs between two rows: runs [a0, a1) and [b0, b1) of `starts` /
 * `ends` (inclusive x), each row sorted by x. Runs for which `keep` is given and 0 are skipped.
 */
export function unionOverlapping(
  parent: Int32Array,
  starts: Int32Array,
  ends: Int32Array,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  keep?: Uint8Array,
): void {
  let a = a0;
  let b = b0;
  while (a < a1 && b < b1) {
    if (keep !== undefined) {
      if (keep[a] === 0) {
        a++;
        continue;
      }
      if (keep[b] === 0) {
        b++;
        continue;
      }
    }
    const ea = ends[a]!;
    const eb = ends[b]!;
    if (starts[a]! <= eb && starts[b]! <= ea) unionRuns(parent, a, b);
    if (ea < eb) a++;
    else b++;
  }
}

/** Sum of x over the run [s, e]. */
export function runSumX(s: number, e: number): number {
  return ((s + e) * (e - s + 1)) / 2;
}

/**
 * One row as a sorted list of disjoint runs [s0, e0, s1, e1, ...] (inclusive x). The closing works
 * on these per slice, which costs per run, not per pixel.
 */
export type RowRuns = number[];

const EMPTY: RowRuns = [];

/** Runs widened by r on both sides, clipped to [lo, hi], merged where they overlap or touch. */
export function dilateRowX(row: RowRuns, r: number, lo: number, hi: number): RowRuns {
  const out: RowRuns = [];
  for (let k = 0; k < row.length; k += 2) {
    const s = Math.max(lo, row[k]! - r);
    const e = Math.min(hi, row[k + 1]! + r);
    if (s > e) continue;
    const n = out.length;
    if (n > 0 && s <= out[n - 1]! + 1) {
      if (e > out[n - 1]!) out[n - 1] = e;
    } else {
      out.push(s, e);
    }
  }
  return out;
}

/** Union of two rows, merged where runs overlap or touch. */
export function unionRows(a: RowRuns, b: RowRuns): RowRuns {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: RowRuns = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let s: number;
    let e: number;
    if (j >= b.length || (i < a.length && a[i]! <= b[j]!)) {
      s = a[i]!;
      e = a[i + 1]!;
      i += 2;
    } else {
      s = b[j]!;
      e = b[j + 1]!;
      j += 2;
    }
    const n = out.length;
    if (n > 0 && s <= out[n - 1]! + 1) {
      if (e > out[n - 1]!) out[n - 1] = e;
    } else {
      out.push(s, e);
    }
  }
  return out;
}

/** [lo, hi] minus the row. */
export function complementRow(row: RowRuns, lo: number, hi: number): RowRuns {
  const out: RowRuns = [];
  let x = lo;
  for (let k = 0; k < row.length; k += 2) {
    const s = row[k]!;
    const e = row[k + 1]!;
    if (e < lo) continue;
    if (s > hi) break;
    if (s > x) out.push(x, s - 1);
    x = Math.max(x, e + 1);
  }
  if (x <= hi) out.push(x, hi);
  return out;
}

/** The runs of `a` minus those of `b` (both sorted and disjoint). */
export function subtractRow(a: RowRuns, b: RowRuns): RowRuns {
  if (b.length === 0) return a;
  const out: RowRuns = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i]!;
    const e = a[i + 1]!;
    while (j < b.length && b[j + 1]! < s) j += 2;
    for (let q = j; q < b.length && b[q]! <= e; q += 2) {
      if (b[q]! > s) out.push(s, b[q]! - 1);
      s = Math.max(s, b[q + 1]! + 1);
    }
    if (s <= e) out.push(s, e);
  }
  return out;
}

/**
 * Vertical dilation by 2r + 1 rows: out[y] = rows[y - r] U ... U rows[y + r], rows outside the
 * list empty. Doubling (windows of 1, 2, 4, ... rows, then two overlapping windows) takes
 * O(log r) unions per row instead of 2r.
 */
export function dilateRowsY(rows: readonly RowRuns[], r: number): RowRuns[] {
  const h = rows.length;
  if (r <= 0) return rows.slice();
  const n = 2 * r + 1;
  const len = h + 2 * r;
  // window[j] = union of padded rows j .. j + size - 1; padded row j = rows[j - r].
  let window: RowRuns[] = new Array<RowRuns>(len);
  for (let j = 0; j < len; j++) window[j] = rows[j - r] ?? EMPTY;
  let size = 1;
  while (size * 2 <= n) {
    const next: RowRuns[] = new Array<RowRuns>(len);
    for (let j = 0; j < len; j++) next[j] = j + size < len ? unionRows(window[j]!, window[j + size]!) : window[j]!;
    window = next;
    size *= 2;
  }
  const out: RowRuns[] = new Array<RowRuns>(h);
  for (let y = 0; y < h; y++) {
    const far = y + n - size;
    out[y] = far === y ? window[y]! : unionRows(window[y]!, window[far] ?? EMPTY);
  }
  return out;
}
