import type { PaddingRule } from './densitometryInput';
import type { LabelledRuns } from './lungRuns';
import { EXACT_HISTOGRAM_OFFSET, zoneHistogramOf, type ZoneHistograms } from './lungZoneSlices';
import type { RowRuns } from './rowRuns';
import * as rowRuns from './rowRuns';

// Plain local bindings: tsx and vitest turn each use of an imported binding into a getter call,
// and the run loops call these millions of times (as shared/phantom/rasterizeAnatomy.ts does).
const { complementRow, dilateRowsY, dilateRowX, findRoot, IntVector, subtractRow, unionOverlapping } = rowRuns;

/**
 * Step 5 of the lung mask, per slice: the lung runs are written into the label volume (both lungs
 * first), then per lung, on row runs: a closing by a (2r + 1) square
 * (dilation with the outside of the image as background, then erosion with it as foreground, so
 * the closing never eats the image edge), then a fill of the holes the closing leaves: background
 * regions (4-connected) inside the lung's bounding box grown by r + 1 that do not reach the box
 * edge, up to `maxHolePixels` each (inclusive). Larger holes are organs the lung wraps around in
 * that slice (the diaphragmatic domes, the heart). Writes the lung's label only where the label
 * volume is still 0 and the voxel is not padding, lung 1 before lung 2 in each slice. Works on
 * slices [z0, z1) only (each slice is on its own). With `zones`, counts every lung voxel of these
 * slices (the runs' and the added ones) into its zone histogram. Returns the voxel counts
 * [right, left] of these slices.
 */
const EMPTY: RowRuns = [];

export function closeAndFillLungs(
  runs: LabelledRuns,
  labels: Uint8Array,
  hu: Int16Array,
  padding: PaddingRule,
  r: number,
  maxHolePixels: number,
  z0: number,
  z1: number,
  zones: ZoneHistograms | null,
): [number, number] {
  const ny = runs.ny;
  const counts: [number, number] = [0, 0];
  const rows: RowRuns[] = new Array<RowRuns>(ny);
  const bgStarts = new IntVector(1024);
  const bgEnds = new IntVector(1024);
  const bgRow = new Int32Array(ny + 1);
  const parent = new Int32Array(1024);
  const area = new Float64Array(1024);
  const edge = new Uint8Array(1024);
  const scratch: ClosingScratch = { rows, bgStarts, bgEnds, bgRow, parent, area, edge };
  // One call per slice: optimized by V8 with feedback from whole slices rather than compiled
  // mid-loop from a partial view (see bodyAirRuns.ts).
  for (let z = z0; z < z1; z++) closeSlice(runs, labels, hu, padding, r, maxHolePixels, z, zones, counts, scratch);
  return counts;
}

interface ClosingScratch {
  rows: RowRuns[];
  bgStarts: InstanceType<typeof IntVector>;
  bgEnds: InstanceType<typeof IntVector>;
  bgRow: Int32Array;
  parent: Int32Array;
  area: Float64Array;
  edge: Uint8Array;
}

/** closeAndFillLungs for slice z; adds to `counts`. */
function closeSlice(
  runs: LabelledRuns,
  labels: Uint8Array,
  hu: Int16Array,
  padding: PaddingRule,
  r: number,
  maxHolePixels: number,
  z: number,
  zones: ZoneHistograms | null,
  counts: [number, number],
  scratch: ClosingScratch,
): void {
  const { nx, ny, rowStart } = runs;
  const starts = runs.starts;
  const ends = runs.ends;
  const runLabel = runs.label;
  const offset = EXACT_HISTOGRAM_OFFSET;
  const slice = nx * ny;
  const { rows, bgStarts, bgEnds, bgRow } = scratch;
  let { parent, area, edge } = scratch;
  const map = padding.map;
  const isPadding = (i: number): boolean => {
    if (map !== null) return map[i] !== 0;
    const v = hu[i]!;
    return v < padding.belowHu || (v >= padding.low && v <= padding.high);
  };
  const base = z * slice;
  if (rowStart[z * ny] === rowStart[(z + 1) * ny]) return;
  // Both lungs' runs first, so that neither lung's closing paints over the other's voxels.
  const rightHistogram = zones !== null ? zoneHistogramOf(zones, 1, z) : null;
  const leftHistogram = zones !== null ? zoneHistogramOf(zones, 2, z) : null;
  for (let y = 0; y < ny; y++) {
    const g = z * ny + y;
    for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
      const label = runLabel[k]!;
      const i0 = base + y * nx + starts[k]!;
      const i1 = base + y * nx + ends[k]! + 1;
      labels.fill(label, i0, i1);
      counts[(label - 1) as 0 | 1] += i1 - i0;
      const histogram = label === 1 ? rightHistogram : leftHistogram;
      if (histogram !== null) countInto(histogram, hu, i0, i1, offset);
    }
  }
  for (let label = 1; label <= 2; label++) {
    const histogram = label === 1 ? rightHistogram : leftHistogram;
    let x0 = nx;
    let x1 = -1;
    let y0 = ny;
    let y1 = -1;
    for (let y = 0; y < ny; y++) {
      const g = z * ny + y;
      const k0 = rowStart[g]!;
      const k1 = rowStart[g + 1]!;
      if (k0 === k1) {
        rows[y] = EMPTY;
        continue;
      }
      const row: RowRuns = [];
      for (let k = k0; k < k1; k++) if (runLabel[k] === label) row.push(starts[k]!, ends[k]!);
      rows[y] = row;
      if (row.length > 0) {
        if (y < y0) y0 = y;
        y1 = y;
        if (row[0]! < x0) x0 = row[0]!;
        if (row[row.length - 1]! > x1) x1 = row[row.length - 1]!;
      }
    }
    if (y1 < 0) continue;
    // closed[y - c0] for rows c0..c1.
    const c0 = Math.max(0, y0 - r);
    const c1 = Math.min(ny - 1, y1 + r);
    let closed: RowRuns[];
    if (r > 0) {
      const w0 = Math.max(0, y0 - 2 * r);
      const w1 = Math.min(ny - 1, y1 + 2 * r);
      const a: RowRuns[] = [];
      for (let y = w0; y <= w1; y++) a.push(dilateRowX(y >= y0 && y <= y1 ? rows[y]! : [], r, 0, nx - 1));
      const dilated = dilateRowsY(a, r);
      // Erosion = complement of the dilated complement; rows beyond the image stay out of the
      // complement (the image edge counts as foreground). Rows at a window edge that is not the
      // image edge are wrong here but only feed rows outside c0..c1.
      const complement = dilated.map((row) => dilateRowX(complementRow(row, 0, nx - 1), r, 0, nx - 1));
      const eroded = dilateRowsY(complement, r);
      closed = [];
      for (let y = c0; y <= c1; y++) closed.push(complementRow(eroded[y - w0]!, 0, nx - 1));
    } else {
      closed = [];
      for (let y = c0; y <= c1; y++) closed.push(rows[y]!);
    }
    // Background of the box, 4-connected runs; those touching the box edge are outside.
    const bx0 = Math.max(0, x0 - r - 1);
    const bx1 = Math.min(nx - 1, x1 + r + 1);
    const by0 = Math.max(0, y0 - r - 1);
    const by1 = Math.min(ny - 1, y1 + r + 1);
    const boxRows = by1 - by0 + 1;
    bgStarts.clear();
    bgEnds.clear();
    for (let y = by0; y <= by1; y++) {
      bgRow[y - by0] = bgStarts.length;
      const row = y >= c0 && y <= c1 ? closed[y - c0]! : [];
      const bg = complementRow(row, bx0, bx1);
      for (let q = 0; q < bg.length; q += 2) {
        bgStarts.push(bg[q]!);
        bgEnds.push(bg[q + 1]!);
      }
    }
    bgRow[boxRows] = bgStarts.length;
    const n = bgStarts.length;
    if (parent.length < n) {
      parent = new Int32Array(n * 2);
      area = new Float64Array(n * 2);
      edge = new Uint8Array(n * 2);
    }
    const bs = bgStarts.data;
    const be = bgEnds.data;
    for (let k = 0; k < n; k++) parent[k] = k;
    for (let y = 1; y < boxRows; y++) unionOverlapping(parent, bs, be, bgRow[y - 1]!, bgRow[y]!, bgRow[y]!, bgRow[y + 1]!);
    area.fill(0, 0, n);
    edge.fill(0, 0, n);
    for (let y = 0; y < boxRows; y++) {
      const onEdgeRow = y === 0 || y === boxRows - 1;
      for (let k = bgRow[y]!; k < bgRow[y + 1]!; k++) {
        const root = findRoot(parent, k);
        area[root]! += be[k]! - bs[k]! + 1;
        if (onEdgeRow || bs[k] === bx0 || be[k] === bx1) edge[root] = 1;
      }
    }
    let added = 0;
    const paint = (y: number, s: number, e: number): void => {
      const rowBase = base + y * nx;
      for (let i = rowBase + s; i <= rowBase + e; i++) {
        if (labels[i] === 0 && !isPadding(i)) {
          labels[i] = label;
          added++;
          if (histogram !== null) histogram[hu[i]! - offset]!++;
        }
      }
    };
    // What the closing added: the closed rows minus the lung's own runs (already labelled).
    for (let y = c0; y <= c1; y++) {
      const row = subtractRow(closed[y - c0]!, rows[y]!);
      for (let q = 0; q < row.length; q += 2) paint(y, row[q]!, row[q + 1]!);
    }
    for (let y = 0; y < boxRows; y++) {
      for (let k = bgRow[y]!; k < bgRow[y + 1]!; k++) {
        const root = findRoot(parent, k);
        if (edge[root] === 0 && area[root]! <= maxHolePixels) paint(by0 + y, bs[k]!, be[k]!);
      }
    }
    counts[(label - 1) as 0 | 1] += added;
  }
  scratch.parent = parent;
  scratch.area = area;
  scratch.edge = edge;
}

/** Adds hu[i0 .. i1) to an exact histogram (bin = HU - offset). */
function countInto(histogram: Int32Array, hu: Int16Array, i0: number, i1: number, offset: number): void {
  for (let i = i0; i < i1; i++) histogram[hu[i]! - offset]!++;
}
