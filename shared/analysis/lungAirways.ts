import { type LungRuns, RUN_AIRWAY, RUN_LUNG } from './lungRuns';
import { TRACHEA_MAX_AREA_MM2, TRACHEA_MAX_OFFSET_MM, TRACHEA_MIN_AREA_MM2, TRACHEA_SEARCH_FRACTION } from './lungMask';
import type { RowRuns } from './rowRuns';
import * as rowRuns from './rowRuns';

// Plain local bindings: tsx and vitest turn each use of an imported binding into a getter call,
// and the run loops call these millions of times (as shared/phantom/rasterizeAnatomy.ts does).
const { dilateRowsY, dilateRowX, findRoot, IntVector, runSumX, unionOverlapping } = rowRuns;

/**
 * Where the trachea or a main bronchus touches the lung in a slice (a wall thinner than a voxel,
 * partial volume), its slice component merges with the lung's. The airway is then followed inside
 * the merged component by its lumen (at or below AIRWAY_LUMEN_HU): lumen voxels within
 * AIRWAY_FOLLOW_MM, or AIRWAY_SHIFT_PER_MM times the slice spacing if more, of the airway of the
 * slice above (the main bronchi leave the carina at about 25 and 45 degrees from the
 * cranio-caudal axis and so shift up to about 1 mm per mm; Standring, Gray's Anatomy, 42nd ed.)
 * seed it, and it grows through lumen voxels of the slice no further than AIRWAY_REACH_MM beyond
 * that; the voxels of the merged component within AIRWAY_FOLLOW_MM of the lumen (the wall's
 * partial-volume rim) are cut with it. This goes on as long as the airway of the slice stays within AIRWAY_MAX_GROWTH times its
 * area in the last slice where it stood apart from the lung (more is low-density lung let in
 * through the contact; two main bronchi cut obliquely have about twice the trachea's area) and no
 * further than AIRWAY_FOLLOW_BELOW_CARINA_MM below the carina (the main bronchi, adult length 2 to
 * 5 cm; lobar and smaller bronchi stay in the lung, as in CIP and Lung CT Analyzer).
 */
export const AIRWAY_FOLLOW_MM = 1.5;
export const AIRWAY_SHIFT_PER_MM = 1;
export const AIRWAY_REACH_MM = 4;
export const AIRWAY_MAX_GROWTH = 2.5;
export const AIRWAY_FOLLOW_BELOW_CARINA_MM = 40;
/** Air in an airway lumen is at or below -950 HU; aerated lung is about -850 (Hoffman et al., Radiology 1985). */
export const AIRWAY_LUMEN_HU = -950;

/**
 * Step 3 of the lung mask: follows the trachea from the cranial end downwards. A slice component
 * of lung runs is airway when it overlaps the airway of the slice above and is at most
 * TRACHEA_MAX_AREA_MM2; the first one is a component of TRACHEA_MIN_AREA_MM2 to
 * TRACHEA_MAX_AREA_MM2 (inclusive) whose centre lies within TRACHEA_MAX_OFFSET_MM of the body's
 * centre, in the cranial TRACHEA_SEARCH_FRACTION of the slices holding lung. Airway runs get
 * RUN_AIRWAY; airway inside a merged component (see AIRWAY_FOLLOW_MM) is cut out of its runs,
 * which rewrites `runs`. `parent` is scratch of runs.count. Returns the number of slices with
 * airway removed.
 */
export function removeAirwayRuns(
  runs: LungRuns,
  parent: Int32Array,
  ascendsCranially: boolean,
  bodyCentreX: Float64Array,
  pixelMm2: number,
  spacingMm: readonly [number, number, number],
  hu: Int16Array,
): number {
  const { ny, nz, rowStart, starts, ends, state } = runs;
  const [sx, , sz] = spacingMm;
  const isLung = new Uint8Array(runs.count);
  let first = -1;
  let last = -1;
  for (let z = 0; z < nz; z++) {
    let any = false;
    for (let k = rowStart[z * ny]!; k < rowStart[(z + 1) * ny]!; k++) {
      if (state[k] === RUN_LUNG) {
        isLung[k] = 1;
        any = true;
      }
    }
    if (any) {
      if (first < 0) first = z;
      last = z;
    }
  }
  if (first < 0) return 0;
  const span = last - first + 1;
  const searchSlices = Math.max(1, Math.ceil(TRACHEA_SEARCH_FRACTION * span));
  const maxArea = TRACHEA_MAX_AREA_MM2 / pixelMm2;
  const minArea = TRACHEA_MIN_AREA_MM2 / pixelMm2;
  const maxOffset = TRACHEA_MAX_OFFSET_MM / sx;
  const follow = Math.max(1, Math.round(Math.max(AIRWAY_FOLLOW_MM, AIRWAY_SHIFT_PER_MM * sz) / sx));
  const reach = follow + Math.max(1, Math.round(AIRWAY_REACH_MM / sx));
  const rim = Math.max(1, Math.round(AIRWAY_FOLLOW_MM / sx));
  const followSlices = Math.round(AIRWAY_FOLLOW_BELOW_CARINA_MM / sz);
  const area = new Float64Array(runs.count);
  const sumX = new Float64Array(runs.count);
  const touches = new Uint8Array(runs.count);
  const airway = new Uint8Array(runs.count);
  // The airway of the slice above, per row, as runs; and its area.
  let footprint: RowRuns[] = new Array<RowRuns>(ny).fill([]);
  let referenceArea = 0;
  // Cut-out airway: global row, then [s, e] pairs, to remove from lung runs at the end.
  const cuts = new IntVector(1024);
  let tracking = false;
  let started = false;
  let carinaStep = -1;
  let airwaySlices = 0;
  for (let step = 0; step < span; step++) {
    const z = ascendsCranially ? last - step : first + step;
    const k0 = rowStart[z * ny]!;
    const k1 = rowStart[(z + 1) * ny]!;
    for (let k = k0; k < k1; k++) {
      parent[k] = k;
      area[k] = 0;
      sumX[k] = 0;
      touches[k] = 0;
      airway[k] = 0;
    }
    for (let y = 1; y < ny; y++) {
      const g = z * ny + y;
      unionOverlapping(parent, starts, ends, rowStart[g - 1]!, rowStart[g]!, rowStart[g]!, rowStart[g + 1]!, isLung);
    }
    for (let k = k0; k < k1; k++) {
      if (isLung[k] === 0) continue;
      const r = findRoot(parent, k);
      area[r]! += ends[k]! - starts[k]! + 1;
      sumX[r]! += runSumX(starts[k]!, ends[k]!);
    }
    if (tracking) {
      for (let y = 0; y < ny; y++) {
        const foot = footprint[y]!;
        if (foot.length === 0) continue;
        const g = z * ny + y;
        for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
          if (isLung[k] === 0) continue;
          for (let q = 0; q < foot.length; q += 2) {
            if (foot[q]! <= ends[k]! && starts[k]! <= foot[q + 1]!) {
              touches[findRoot(parent, k)] = 1;
              break;
            }
          }
        }
      }
    }
    let any = false;
    let parts = 0;
    let mergedTouched = false;
    for (let k = k0; k < k1; k++) {
      if (isLung[k] === 0 || parent[k] !== k) continue;
      const a = area[k]!;
      if (tracking) {
        if (touches[k] === 1 && a <= maxArea) airway[k] = 1;
        else if (touches[k] === 1) mergedTouched = true;
      } else if (!started && step < searchSlices && a >= minArea && a <= maxArea) {
        const centre = bodyCentreX[z]!;
        const cx = sumX[k]! / a;
        if (Number.isFinite(centre) && Math.abs(cx - centre) <= maxOffset) airway[k] = 1;
      }
      if (airway[k] === 1) {
        any = true;
        parts++;
      }
    }
    // The airway inside components merged with the lung: its lumen, grown from near the airway of
    // the slice above.
    const next: RowRuns[] = new Array<RowRuns>(ny).fill([]);
    let nextArea = 0;
    let cutRows: { g: number; pieces: RowRuns; lumen: RowRuns }[] = [];
    if (mergedTouched && (carinaStep < 0 || step - carinaStep <= followSlices)) {
      cutRows = lumenInMerged(runs, z, footprint, follow, reach, rim, isLung, (k) => airway[findRoot(parent, k)] !== 1 && touches[findRoot(parent, k)] === 1, hu);
      let cutArea = 0;
      for (const { pieces } of cutRows) for (let q = 0; q < pieces.length; q += 2) cutArea += pieces[q + 1]! - pieces[q]! + 1;
      let wholeArea = 0;
      for (let k = k0; k < k1; k++) if (isLung[k] === 1 && airway[k] === 1 && parent[k] === k) wholeArea += area[k]!;
      if (cutArea === 0 || cutArea + wholeArea > AIRWAY_MAX_GROWTH * referenceArea) cutRows = [];
      else {
        any = true;
        parts++;
        for (const { g, pieces, lumen } of cutRows) {
          // The next slice looks near the lumen only: the rim cut here is not followed, so the
          // airway cannot creep into the lung from slice to slice.
          next[g - z * ny] = lumen;
          cuts.push(g);
          cuts.push(pieces.length);
          for (const v of pieces) cuts.push(v);
        }
        nextArea = cutArea;
      }
    }
    if (!any) {
      if (tracking) break;
      continue;
    }
    tracking = true;
    started = true;
    airwaySlices++;
    if (parts >= 2 && carinaStep < 0) carinaStep = step;
    for (let k = k0; k < k1; k++) {
      if (isLung[k] === 1 && airway[findRoot(parent, k)] === 1) {
        state[k] = RUN_AIRWAY;
        isLung[k] = 0;
      }
    }
    // This slice's airway, for the next one: whole airway runs plus the cut-out parts.
    for (let y = 0; y < ny; y++) {
      const g = z * ny + y;
      let row = next[y]!;
      for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
        if (state[k] === RUN_AIRWAY) {
          row = rowRuns.unionRows(row, [starts[k]!, ends[k]!]);
          nextArea += ends[k]! - starts[k]! + 1;
        }
      }
      next[y] = row;
    }
    footprint = next;
    // The reference is the airway as seen apart from the lung; cut-out slices do not move it.
    if (cutRows.length === 0) referenceArea = nextArea;
  }
  if (cuts.length > 0) cutOut(runs, cuts);
  return airwaySlices;
}

/**
 * The lumen of an airway inside slice components merged with the lung (`inMerged` of a run): the
 * voxels at or below AIRWAY_LUMEN_HU of those runs within `reach` pixels of the footprint (the
 * airway of the slice above), 4-connected in the slice to one within `follow` pixels of it.
 * Returns per row the pieces to cut, as [s, e] pairs: the lumen and the merged voxels within
 * `rim` pixels of it (the partial-volume rim); and the lumen alone.
 */
function lumenInMerged(
  runs: LungRuns,
  z: number,
  footprint: readonly RowRuns[],
  follow: number,
  reach: number,
  rim: number,
  isLung: Uint8Array,
  inMerged: (k: number) => boolean,
  hu: Int16Array,
): { g: number; pieces: RowRuns; lumen: RowRuns }[] {
  const { nx, ny, rowStart, starts, ends } = runs;
  // Everything below happens within `reach + rim` rows of the footprint: rows w0..w1, index y - w0.
  let fy0 = ny;
  let fy1 = -1;
  for (let y = 0; y < ny; y++) {
    if (footprint[y]!.length === 0) continue;
    if (y < fy0) fy0 = y;
    fy1 = y;
  }
  if (fy1 < 0) return [];
  const w0 = Math.max(0, fy0 - reach - rim);
  const w1 = Math.min(ny - 1, fy1 + reach + rim);
  const rows = w1 - w0 + 1;
  const dilated = footprint.slice(w0, w1 + 1).map((row) => dilateRowX(row, follow, 0, nx - 1));
  const near = dilateRowsY(dilated, follow);
  const far = dilateRowsY(
    dilated.map((row) => dilateRowX(row, reach - follow, 0, nx - 1)),
    reach,
  );
  // Lumen pieces of merged runs inside the far zone, row by row.
  const pieceStarts = new IntVector(256);
  const pieceEnds = new IntVector(256);
  const pieceRow = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) {
    pieceRow[r] = pieceStarts.length;
    const zone = far[r]!;
    if (zone.length === 0) continue;
    const g = z * ny + w0 + r;
    for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
      if (isLung[k] === 0 || !inMerged(k)) continue;
      for (let q = 0; q < zone.length; q += 2) {
        const s = Math.max(starts[k]!, zone[q]!);
        const e = Math.min(ends[k]!, zone[q + 1]!);
        let open = -1;
        for (let x = s; x <= e + 1; x++) {
          const inLumen = x <= e && hu[g * nx + x]! <= AIRWAY_LUMEN_HU;
          if (inLumen && open < 0) open = x;
          else if (!inLumen && open >= 0) {
            pieceStarts.push(open);
            pieceEnds.push(x - 1);
            open = -1;
          }
        }
      }
    }
  }
  pieceRow[rows] = pieceStarts.length;
  const n = pieceStarts.length;
  if (n === 0) return [];
  const ps = pieceStarts.data;
  const pe = pieceEnds.data;
  const parent = new Int32Array(n);
  for (let k = 0; k < n; k++) parent[k] = k;
  for (let r = 1; r < rows; r++) unionOverlapping(parent, ps, pe, pieceRow[r - 1]!, pieceRow[r]!, pieceRow[r]!, pieceRow[r + 1]!);
  const seeded = new Uint8Array(n);
  for (let r = 0; r < rows; r++) {
    const zone = near[r]!;
    if (zone.length === 0) continue;
    for (let k = pieceRow[r]!; k < pieceRow[r + 1]!; k++) {
      for (let q = 0; q < zone.length; q += 2) {
        if (zone[q]! <= pe[k]! && ps[k]! <= zone[q + 1]!) {
          seeded[findRoot(parent, k)] = 1;
          break;
        }
      }
    }
  }
  const lumen: RowRuns[] = new Array<RowRuns>(rows);
  for (let r = 0; r < rows; r++) {
    const pieces: RowRuns = [];
    for (let k = pieceRow[r]!; k < pieceRow[r + 1]!; k++) if (seeded[findRoot(parent, k)] === 1) pieces.push(ps[k]!, pe[k]!);
    lumen[r] = pieces;
  }
  // The wall's inner rim (partial volume, between lumen and lung) goes with the lumen.
  const rimZone = dilateRowsY(
    lumen.map((row) => dilateRowX(row, rim, 0, nx - 1)),
    rim,
  );
  const out: { g: number; pieces: RowRuns; lumen: RowRuns }[] = [];
  for (let r = 0; r < rows; r++) {
    const zone = rimZone[r]!;
    if (zone.length === 0) continue;
    const g = z * ny + w0 + r;
    const pieces: RowRuns = [];
    for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
      if (isLung[k] === 0 || !inMerged(k)) continue;
      for (let q = 0; q < zone.length; q += 2) {
        const s = Math.max(starts[k]!, zone[q]!);
        const e = Math.min(ends[k]!, zone[q + 1]!);
        if (s <= e) pieces.push(s, e);
      }
    }
    if (pieces.length > 0) out.push({ g, pieces, lumen: lumen[r]! });
  }
  return out;
}

/** Turns the cut intervals of lung runs into airway runs (rewrites the run arrays; other runs stay). */
function cutOut(runs: LungRuns, cuts: InstanceType<typeof IntVector>): void {
  const { ny, nz } = runs;
  const byRow = new Map<number, RowRuns>();
  const c = cuts.data;
  for (let i = 0; i < cuts.length; ) {
    const g = c[i++]!;
    const n = c[i++]!;
    const pieces = byRow.get(g) ?? [];
    for (let j = 0; j < n; j++) pieces.push(c[i++]!);
    byRow.set(g, pieces);
  }
  const rowStart = new Int32Array(nz * ny + 1);
  const starts = new IntVector(runs.count + cuts.length);
  const ends = new IntVector(runs.count + cuts.length);
  const state = new IntVector(runs.count + cuts.length);
  for (let g = 0; g < nz * ny; g++) {
    rowStart[g] = starts.length;
    const pieces = byRow.get(g);
    for (let k = runs.rowStart[g]!; k < runs.rowStart[g + 1]!; k++) {
      const s = runs.starts[k]!;
      const e = runs.ends[k]!;
      if (!pieces || runs.state[k] !== RUN_LUNG) {
        starts.push(s);
        ends.push(e);
        state.push(runs.state[k]!);
        continue;
      }
      // [s, e] minus the pieces (sorted, disjoint within a row); the pieces become airway runs.
      let x = s;
      for (let q = 0; q < pieces.length; q += 2) {
        const ps = Math.max(pieces[q]!, x);
        const pe = Math.min(pieces[q + 1]!, e);
        if (pe < ps) continue;
        if (ps > x) {
          starts.push(x);
          ends.push(ps - 1);
          state.push(RUN_LUNG);
        }
        starts.push(ps);
        ends.push(pe);
        state.push(RUN_AIRWAY);
        x = pe + 1;
      }
      if (x <= e) {
        starts.push(x);
        ends.push(e);
        state.push(RUN_LUNG);
      }
    }
  }
  rowStart[nz * ny] = starts.length;
  runs.rowStart = rowStart;
  runs.starts = starts.data.subarray(0, starts.length);
  runs.ends = ends.data.subarray(0, ends.length);
  runs.state = Uint8Array.from(state.data.subarray(0, state.length));
  runs.count = starts.length;
}
