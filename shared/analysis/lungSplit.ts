import { LEFT_LUNG, JOINED_MIN_SIDE_SHARE, RIGHT_LUNG } from './lungMask';
import { type LungRuns, MIXED_RUN } from './lungRuns';
import * as rowRuns from './rowRuns';

// Plain local bindings: tsx and vitest turn each use of an imported binding into a getter call,
// and the run loops call these millions of times (as shared/phantom/rasterizeAnatomy.ts does).
const { findRoot, IntVector, unionOverlapping } = rowRuns;

/** Grid value of a cell waiting to be claimed by one lung. */
const OPEN = 3;

/** Cell size (voxels, in x and y) of the grid the split grows on. */
export const SPLIT_CELL = 2;

/**
 * Splits one component holding both lungs. Slice components lying mostly on one side of the
 * component's centroid (less than JOINED_MIN_SIDE_SHARE across it) seed that side; components
 * spanning both sides stay open and are claimed by whichever lung reaches them first, growing in
 * 3-D (6-connectivity) through the component: the fronts meet at the narrow junction where the
 * lungs touch. The growth runs on cells of SPLIT_CELL x SPLIT_CELL voxels over the open voxels
 * (the slices where the lungs join) only, from the seeded cells next to them, which gives the same
 * geodesic distances as starting from every seed. With no seeds at all (joined on every slice),
 * the centroid plane splits them. Seeded runs get their side in `runLabel` (and are not written to
 * `labels`); open runs get MIXED_RUN and their voxels' labels in `labels`. Returns true when some
 * slice joined both lungs.
 */
export function splitJoinedLungs(
  runs: LungRuns,
  inComponent: Uint8Array,
  midlineX: number,
  leftIsHighX: boolean,
  labels: Uint8Array,
  runLabel: Uint8Array,
): boolean {
  const { nx, ny, nz, rowStart, starts, ends, count } = runs;
  const slice = nx * ny;
  // Locals, not imported bindings, in the loops below (see the note on rowRuns above).
  const right = RIGHT_LUNG;
  const left = LEFT_LUNG;
  const sideShare = JOINED_MIN_SIDE_SHARE;
  const highLabel = leftIsHighX ? left : right;
  const lowLabel = leftIsHighX ? right : left;
  // x > midlineX  <=>  x >= firstHigh.
  const firstHigh = Math.floor(midlineX) + 1;
  const parent = new Int32Array(count);
  const area = new Float64Array(count);
  const high = new Float64Array(count);
  let joined = false;
  let seeded = 0;
  for (let z = 0; z < nz; z++) {
    const k0 = rowStart[z * ny]!;
    const k1 = rowStart[(z + 1) * ny]!;
    for (let k = k0; k < k1; k++) {
      parent[k] = k;
      area[k] = 0;
      high[k] = 0;
    }
    for (let y = 1; y < ny; y++) {
      const g = z * ny + y;
      unionOverlapping(parent, starts, ends, rowStart[g - 1]!, rowStart[g]!, rowStart[g]!, rowStart[g + 1]!, inComponent);
    }
    for (let k = k0; k < k1; k++) {
      if (inComponent[k] === 0) continue;
      const r = findRoot(parent, k);
      area[r]! += ends[k]! - starts[k]! + 1;
      high[r]! += Math.max(0, ends[k]! - Math.max(starts[k]!, firstHigh) + 1);
    }
    for (let k = k0; k < k1; k++) {
      if (inComponent[k] === 0) continue;
      const r = findRoot(parent, k);
      const share = high[r]! / area[r]!;
      if (share >= 1 - sideShare) runLabel[k] = highLabel;
      else if (share <= sideShare) runLabel[k] = lowLabel;
      else {
        joined = true;
        runLabel[k] = MIXED_RUN;
      }
      if (runLabel[k] !== MIXED_RUN) seeded++;
    }
  }
  if (seeded === 0) {
    for (let k = 0; k < count; k++) if (inComponent[k] === 1) runLabel[k] = MIXED_RUN;
  }
  // Only the open voxels' labels go into the volume, here. The seeded runs are written by the
  // threads that finish slabs of slices (lungClosing.ts); the growth reads seeds from the runs.
  /** Voxels x = s..e of a row (volume index of x = 0) by the side of the midline they lie on. */
  const byMidline = (row: number, s: number, e: number): void => {
    const split = Math.min(Math.max(firstHigh, s), e + 1);
    labels.fill(lowLabel, row + s, row + split);
    labels.fill(highLabel, row + split, row + e + 1);
  };
  if (seeded === 0) {
    forEachOpenRun(runs, runLabel, (z, y, s, e) => byMidline((z * ny + y) * nx, s, e));
    return true;
  }
  // Multi-source breadth-first growth on a grid of SPLIT_CELL x SPLIT_CELL voxels per slice (the
  // open voxels of a slice that joins both lungs can be a third of the lungs: voxel by voxel this
  // was the mask's slowest serial step). A cell is open when it holds an open voxel; the junction
  // comes out to within a cell. Open and seeded voxels of one slice are never 4-adjacent (they are
  // different slice components), so the seeds that touch open cells lie in the slices above and
  // below them: cells there that are not open and hold a labelled voxel.
  const f = SPLIT_CELL;
  const cx = Math.ceil(nx / f);
  const cy = Math.ceil(ny / f);
  const cellSlice = cx * cy;
  // The grid covers the slices holding open voxels and one on either side (where their seeds lie).
  let zOpen0 = nz;
  let zOpen1 = -1;
  forEachOpenRun(runs, runLabel, (z) => {
    if (z < zOpen0) zOpen0 = z;
    zOpen1 = z;
  });
  const zc0 = Math.max(0, zOpen0 - 1);
  const gridZ = Math.min(nz - 1, zOpen1 + 1) - zc0 + 1;
  const cells = new Uint8Array(cellSlice * gridZ);
  forEachOpenRun(runs, runLabel, (z, y, s, e) => cells.fill(OPEN, (z - zc0) * cellSlice + ((y / f) | 0) * cx + ((s / f) | 0), (z - zc0) * cellSlice + ((y / f) | 0) * cx + ((e / f) | 0) + 1));
  // Distances count voxel steps as the voxel-by-voxel growth did: a step between cells of one
  // slice is SPLIT_CELL voxels, a step between slices one. So this is a shortest-path growth with
  // steps of 1 and SPLIT_CELL (Dial's buckets: one list per distance, SPLIT_CELL + 1 of them live).
  // `dist` holds distance + 1 of each cell reached, 0 elsewhere.
  const dist = new Uint16Array(cells.length);
  const buckets = Array.from({ length: f + 1 }, () => new IntVector(1024));
  // The side of each cell of the grid's slices holding a seeded voxel: the first seeded run
  // meeting the cell in raster order wins (rows top to bottom, runs left to right).
  const seedSide = new Uint8Array(cells.length);
  for (let z = zc0; z < zc0 + gridZ; z++) {
    for (let y = 0; y < ny; y++) {
      const g = z * ny + y;
      const rowCell = (z - zc0) * cellSlice + ((y / f) | 0) * cx;
      for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
        const l = runLabel[k]!;
        if (l !== right && l !== left) continue;
        const last = rowCell + ((ends[k]! / f) | 0);
        for (let q = rowCell + ((starts[k]! / f) | 0); q <= last; q++) if (seedSide[q] === 0) seedSide[q] = l;
      }
    }
  }
  /** Seeds the cell above or below an open cell: one that is not open itself and holds a seeded voxel. */
  const seedFrom = (q: number): void => {
    if (cells[q] !== 0) return;
    const l = seedSide[q]!;
    if (l === 0) return;
    cells[q] = l;
    dist[q] = 1;
    buckets[0]!.push(q);
  };
  forEachOpenRun(runs, runLabel, (z, y, s, e) => {
    const rowCell = (z - zc0) * cellSlice + ((y / f) | 0) * cx;
    for (let q = rowCell + ((s / f) | 0); q <= rowCell + ((e / f) | 0); q++) {
      if (z - 1 >= zc0) seedFrom(q - cellSlice);
      if (z + 1 < zc0 + gridZ) seedFrom(q + cellSlice);
    }
  });
  // `grown` marks open cells reached (their cells[] value is then their current label).
  const grown = new Uint8Array(cells.length);
  const reach = (q: number, label: number, d: number): number => {
    const known = dist[q]!;
    if (known !== 0 && known <= d + 1) return 0;
    cells[q] = label;
    grown[q] = 1;
    dist[q] = d + 1;
    buckets[d % (f + 1)]!.push(q);
    return 1;
  };
  const isOpen = (q: number): boolean => cells[q] === OPEN || grown[q] === 1;
  let pending = buckets[0]!.length;
  for (let d = 0; pending > 0; d++) {
    const bucket = buckets[d % (f + 1)]!;
    for (let i = 0; i < bucket.length; i++) {
      const p = bucket.data[i]!;
      pending--;
      if (dist[p] !== d + 1) continue; // reached again on a shorter path since
      const label = cells[p]!;
      const z = (p / cellSlice) | 0;
      const inSlice = p - z * cellSlice;
      const y = (inSlice / cx) | 0;
      const x = inSlice - y * cx;
      if (x > 0 && isOpen(p - 1)) {
        pending += reach(p - 1, label, d + f);
      }
      if (x < cx - 1 && isOpen(p + 1)) {
        pending += reach(p + 1, label, d + f);
      }
      if (y > 0 && isOpen(p - cx)) {
        pending += reach(p - cx, label, d + f);
      }
      if (y < cy - 1 && isOpen(p + cx)) {
        pending += reach(p + cx, label, d + f);
      }
      if (z > 0 && isOpen(p - cellSlice)) {
        pending += reach(p - cellSlice, label, d + 1);
      }
      if (z < gridZ - 1 && isOpen(p + cellSlice)) {
        pending += reach(p + cellSlice, label, d + 1);
      }
    }
    bucket.clear();
  }
  // Open voxels take their cell's label; anything the growth could not reach (not expected in one
  // connected component) goes by midline.
  forEachOpenRun(runs, runLabel, (z, y, s, e) => {
    const row = z * slice + y * nx;
    const rowCell = (z - zc0) * cellSlice + ((y / f) | 0) * cx;
    const lastCell = (e / f) | 0;
    for (let cell = (s / f) | 0; cell <= lastCell; ) {
      const l = cells[rowCell + cell]!;
      let end = cell + 1;
      while (end <= lastCell && cells[rowCell + end] === l) end++;
      const x0 = Math.max(s, cell * f);
      const x1 = Math.min(e + 1, end * f);
      if (l === right || l === left) labels.fill(l, row + x0, row + x1);
      else byMidline(row, x0, x1 - 1);
      cell = end;
    }
  });
  return joined;
}

/** Calls `visit(z, y, s, e)` for every open (MIXED_RUN) run. */
function forEachOpenRun(runs: LungRuns, runLabel: Uint8Array, visit: (z: number, y: number, s: number, e: number) => void): void {
  const { ny, nz, rowStart, starts, ends } = runs;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const g = z * ny + y;
      for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) if (runLabel[k] === MIXED_RUN) visit(z, y, starts[k]!, ends[k]!);
    }
  }
}
