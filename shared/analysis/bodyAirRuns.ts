import * as bodyScan from './bodyScanSimd';
import type { SliceBitMasks, SliceThresholds } from './bodyScanSimd';
import type { PaddingRule } from './densitometryInput';
import * as rowRuns from './rowRuns';

// Plain local bindings: tsx and vitest turn each use of an imported binding into a getter call,
// and the run loops call these millions of times (as shared/phantom/rasterizeAnatomy.ts does).
const { findRoot, IntVector, runSumX, unionOverlapping } = rowRuns;
const { anyBitSet, bodyScanSimd, pushRunsOfBits, thresholdsFitInt16 } = bodyScan;

/**
 * Step 1 of the lung mask (lungMask.ts), slice by slice on row runs: "open" voxels are padding or
 * below `airBelowHu` (exclusive). Open runs connected (4-connectivity) to the image edge or holding
 * padding are outside; the rest of the slice falls into 4-connected regions, the largest of which
 * is the body (drops the table, blankets and arms). The enclosed open runs inside the body are the
 * air-containing lung candidates this returns. The same scan collects the runs of bone (at or
 * above `boneHu`), which the pleural step needs and which would otherwise take a second pass.
 */
export interface BodyAirRuns {
  /** Slices [z0, z1) of the volume these runs cover. */
  z0: number;
  z1: number;
  /** First run of each row (row index (z - z0) * ny + y); length (z1 - z0) * ny + 1. */
  rowStart: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** Mean x of each slice's body, NaN when a slice has none. */
  bodyCentreX: Float64Array;
  /** Runs of voxels at or above `boneHu` (same row layout), for the pleural step (lungPleuralFill.ts). */
  bone: { rowStart: Int32Array; starts: Int32Array; ends: Int32Array; count: number };
}

export function bodyAirRuns(
  hu: Int16Array,
  nx: number,
  ny: number,
  z0: number,
  z1: number,
  padding: PaddingRule,
  airBelowHu: number,
  boneHu: number,
  options: { simd?: boolean } = {},
): BodyAirRuns {
  const rowStart = new Int32Array((z1 - z0) * ny + 1);
  const outStarts = new IntVector(1 << 16);
  const outEnds = new IntVector(1 << 16);
  const bodyCentreX = new Float64Array(z1 - z0).fill(NaN);
  const boneRowStart = new Int32Array((z1 - z0) * ny + 1);
  const boneStarts = new IntVector(1 << 12);
  const boneEnds = new IntVector(1 << 12);
  const openStarts = new IntVector(4096);
  const openEnds = new IntVector(4096);
  const openEdge = new IntVector(4096);
  const rowOpen = new Int32Array(ny + 1);
  const fgStarts = new IntVector(4096);
  const fgEnds = new IntVector(4096);
  const rowFg = new Int32Array(ny + 1);
  const parent = new Int32Array(4096);
  const flag = new Uint8Array(4096);
  const area = new Float64Array(4096);
  const map = padding.map;
  const below = padding.belowHu;
  const low = padding.low;
  const high = padding.high;
  // With the threshold rule and padding values below the air threshold (always, for CT), a voxel
  // at or above the threshold is dense and the padding test can be skipped: the common case.
  const denseIsNeverPadding = map === null && below <= airBelowHu && (low > high || high < airBelowHu);
  // The usual case on WASM SIMD (bodyScanSimd.ts): a padding map or thresholds beyond int16 take
  // the voxel-by-voxel scan below, which gives the same runs (tested).
  const thresholds: SliceThresholds = { airBelowHu, boneHu, padBelowHu: below, padLow: low, padHigh: high };
  const simd = options.simd !== false && denseIsNeverPadding && thresholdsFitInt16(thresholds) ? bodyScanSimd() : null;
  const scratch: SliceScratch = { openStarts, openEnds, openEdge, rowOpen, fgStarts, fgEnds, rowFg, parent, flag, area };
  const out: SliceOutput = { rowStart, outStarts, outEnds, bodyCentreX, boneRowStart, boneStarts, boneEnds };
  // One call per slice, and a first call on the middle slice (into a scratch output) before the
  // first one: V8 optimizes a function once it has run often, with the type feedback gathered so
  // far, and throws the optimized code away on reaching an operation without feedback. Slices at
  // the ends of a scan hold no body or no air, so without that first call the scan of the chest
  // would be optimized for them and then dropped back, several times over in a thread's first
  // volumes (seen with node --trace-deopt).
  const middle = (z0 + z1) >> 1;
  const primer: SliceOutput = {
    rowStart: new Int32Array(ny + 1),
    outStarts: new IntVector(1024),
    outEnds: new IntVector(1024),
    bodyCentreX: new Float64Array(1),
    boneRowStart: new Int32Array(ny + 1),
    boneStarts: new IntVector(1024),
    boneEnds: new IntVector(1024),
  };
  const slice = nx * ny;
  const masksOf = (z: number): SliceBitMasks | null => (simd === null ? null : simd.classify(hu, z * slice, slice, thresholds));
  scanSlice(hu, nx, ny, middle, middle, padding, airBelowHu, boneHu, denseIsNeverPadding, masksOf(middle), scratch, primer);
  for (let z = z0; z < z1; z++) scanSlice(hu, nx, ny, z, z0, padding, airBelowHu, boneHu, denseIsNeverPadding, masksOf(z), scratch, out);
  rowStart[(z1 - z0) * ny] = outStarts.length;
  boneRowStart[(z1 - z0) * ny] = boneStarts.length;
  return {
    z0,
    z1,
    rowStart,
    starts: outStarts.data.subarray(0, outStarts.length),
    ends: outEnds.data.subarray(0, outEnds.length),
    count: outStarts.length,
    bodyCentreX,
    bone: { rowStart: boneRowStart, starts: boneStarts.data.subarray(0, boneStarts.length), ends: boneEnds.data.subarray(0, boneEnds.length), count: boneStarts.length },
  };
}

/** Scratch of the per-slice scan, reused from slice to slice (grown when a slice needs more). */
interface SliceScratch {
  openStarts: InstanceType<typeof IntVector>;
  openEnds: InstanceType<typeof IntVector>;
  openEdge: InstanceType<typeof IntVector>;
  rowOpen: Int32Array;
  fgStarts: InstanceType<typeof IntVector>;
  fgEnds: InstanceType<typeof IntVector>;
  rowFg: Int32Array;
  parent: Int32Array;
  flag: Uint8Array;
  area: Float64Array;
}

interface SliceOutput {
  rowStart: Int32Array;
  outStarts: InstanceType<typeof IntVector>;
  outEnds: InstanceType<typeof IntVector>;
  bodyCentreX: Float64Array;
  boneRowStart: Int32Array;
  boneStarts: InstanceType<typeof IntVector>;
  boneEnds: InstanceType<typeof IntVector>;
}

/** bodyAirRuns for slice z. */
function scanSlice(
  hu: Int16Array,
  nx: number,
  ny: number,
  z: number,
  z0: number,
  padding: PaddingRule,
  airBelowHu: number,
  boneHu: number,
  denseIsNeverPadding: boolean,
  masks: SliceBitMasks | null,
  scratch: SliceScratch,
  out: SliceOutput,
): void {
  const slice = nx * ny;
  const { openStarts, openEnds, openEdge, rowOpen, fgStarts, fgEnds, rowFg } = scratch;
  let { parent, flag, area } = scratch;
  const { rowStart, outStarts, outEnds, bodyCentreX, boneRowStart, boneStarts, boneEnds } = out;
  const map = padding.map;
  const below = padding.belowHu;
  const low = padding.low;
  const high = padding.high;
  const base = z * slice;
  openStarts.clear();
  openEnds.clear();
  openEdge.clear();
  if (masks !== null) {
    // Open runs are the air mask's runs (padding is below the air threshold here); an open run is
    // outside when it touches the image edge or holds padding.
    const { air, bone, pad } = masks;
    for (let y = 0; y < ny; y++) {
      rowOpen[y] = openStarts.length;
      boneRowStart[(z - z0) * ny + y] = boneStarts.length;
      const b0 = y * nx;
      pushRunsOfBits(bone, b0, b0 + nx, boneStarts, boneEnds);
      const first = openStarts.length;
      pushRunsOfBits(air, b0, b0 + nx, openStarts, openEnds);
      const edgeRow = y === 0 || y === ny - 1;
      for (let k = first; k < openStarts.length; k++) {
        const s = openStarts.data[k]!;
        const e = openEnds.data[k]!;
        openEdge.push(edgeRow || s === 0 || e === nx - 1 || anyBitSet(pad, b0 + s, b0 + e + 1) ? 1 : 0);
      }
    }
  }
  // Without the masks, the same voxel by voxel (the loop runs only then).
  for (let y = 0; masks === null && y < ny; y++) {
    rowOpen[y] = openStarts.length;
    boneRowStart[(z - z0) * ny + y] = boneStarts.length;
    const row = base + y * nx;
    const edgeRow = y === 0 || y === ny - 1;
    let x = 0;
    while (x < nx) {
      const i = row + x;
      const v = hu[i]!;
      if (v >= boneHu) {
        const s = x;
        while (x < nx && hu[row + x]! >= boneHu) x++;
        boneStarts.push(s);
        boneEnds.push(x - 1);
        continue;
      }
      if (denseIsNeverPadding && v >= airBelowHu) {
        x++;
        continue;
      }
      let pad = map !== null ? map[i] !== 0 : v < below || (v >= low && v <= high);
      if (!pad && v >= airBelowHu) {
        x++;
        continue;
      }
      const s = x;
      let edge = pad || edgeRow || s === 0;
      x++;
      if (denseIsNeverPadding) {
        // Open = below the threshold; padding only matters for runs not yet known to be outside.
        while (x < nx && hu[row + x]! < airBelowHu) x++;
        // Runs reaching the image edge are outside anyway: only enclosed ones need the padding test.
        if (x === nx) edge = true;
        for (let j = row + s; !edge && j < row + x; j++) {
          const w = hu[j]!;
          if (w < below || (w >= low && w <= high)) edge = true;
        }
        openStarts.push(s);
        openEnds.push(x - 1);
        openEdge.push(edge ? 1 : 0);
        continue;
      }
      while (x < nx) {
        const j = row + x;
        const w = hu[j]!;
        pad = map !== null ? map[j] !== 0 : w < below || (w >= low && w <= high);
        if (!pad && w >= airBelowHu) break;
        if (pad) edge = true;
        x++;
      }
      if (x === nx) edge = true;
      openStarts.push(s);
      openEnds.push(x - 1);
      openEdge.push(edge ? 1 : 0);
    }
  }
  rowOpen[ny] = openStarts.length;
  const nOpen = openStarts.length;
  if (parent.length < nOpen) {
    parent = new Int32Array(nOpen * 2);
    flag = new Uint8Array(nOpen * 2);
  }
  const os = openStarts.data;
  const oe = openEnds.data;
  for (let k = 0; k < nOpen; k++) parent[k] = k;
  for (let y = 1; y < ny; y++) unionOverlapping(parent, os, oe, rowOpen[y - 1]!, rowOpen[y]!, rowOpen[y]!, rowOpen[y + 1]!);
  flag.fill(0, 0, nOpen);
  for (let k = 0; k < nOpen; k++) if (openEdge.data[k] === 1) flag[findRoot(parent, k)] = 1;
  // outside[k] lives in openEdge from here on.
  for (let k = 0; k < nOpen; k++) openEdge.data[k] = flag[findRoot(parent, k)]!;

  // The rest of the slice: gaps between outside runs.
  fgStarts.clear();
  fgEnds.clear();
  for (let y = 0; y < ny; y++) {
    rowFg[y] = fgStarts.length;
    let x = 0;
    for (let k = rowOpen[y]!; k < rowOpen[y + 1]!; k++) {
      // An enclosed run lies inside the region run pushed next (an outside run or the row's end
      // closes it): from here on openEdge holds that region run's index, or -1 for outside runs.
      if (openEdge.data[k] === 0) {
        openEdge.data[k] = fgStarts.length;
        continue;
      }
      openEdge.data[k] = -1;
      if (os[k]! > x) {
        fgStarts.push(x);
        fgEnds.push(os[k]! - 1);
      }
      x = oe[k]! + 1;
    }
    if (x < nx) {
      fgStarts.push(x);
      fgEnds.push(nx - 1);
    }
  }
  rowFg[ny] = fgStarts.length;
  const nFg = fgStarts.length;
  const fs = fgStarts.data;
  const fe = fgEnds.data;
  if (parent.length < nFg) parent = new Int32Array(nFg * 2);
  if (area.length < nFg * 2) area = new Float64Array(nFg * 2);
  for (let k = 0; k < nFg; k++) parent[k] = k;
  for (let y = 1; y < ny; y++) unionOverlapping(parent, fs, fe, rowFg[y - 1]!, rowFg[y]!, rowFg[y]!, rowFg[y + 1]!);
  // area[root] and area[nFg + root] = sum of x.
  area.fill(0, 0, 2 * nFg);
  for (let k = 0; k < nFg; k++) {
    const r = findRoot(parent, k);
    area[r]! += fe[k]! - fs[k]! + 1;
    area[nFg + r]! += runSumX(fs[k]!, fe[k]!);
  }
  // Largest region; on equal areas the first in raster order, as a raster-order labelling gives.
  let body = -1;
  let bodyArea = 0;
  for (let k = 0; k < nFg; k++) {
    if (parent[k] === k && area[k]! > bodyArea) {
      bodyArea = area[k]!;
      body = k;
    }
  }
  if (body >= 0) bodyCentreX[z - z0] = area[nFg + body]! / bodyArea;

  // Enclosed open runs lying in the body; each lies inside one region run of its row.
  for (let y = 0; y < ny; y++) {
    rowStart[(z - z0) * ny + y] = outStarts.length;
    if (body < 0) continue;
    for (let k = rowOpen[y]!; k < rowOpen[y + 1]!; k++) {
      const f = openEdge.data[k]!;
      if (f >= 0 && findRoot(parent, f) === body) {
        outStarts.push(os[k]!);
        outEnds.push(oe[k]!);
      }
    }
  }
  scratch.parent = parent;
  scratch.flag = flag;
  scratch.area = area;
}

/** Joins consecutive slab results (in slice order) into one. */
export function concatBodyAirRuns(parts: readonly BodyAirRuns[], ny: number): BodyAirRuns {
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  const z0 = first.z0;
  const z1 = last.z1;
  const air = concatRuns(parts.map((p) => ({ z0: p.z0, z1: p.z1, rowStart: p.rowStart, starts: p.starts, ends: p.ends, count: p.count })), z0, z1, ny);
  const bone = concatRuns(parts.map((p) => ({ z0: p.z0, z1: p.z1, ...p.bone })), z0, z1, ny);
  const bodyCentreX = new Float64Array(z1 - z0);
  for (const p of parts) bodyCentreX.set(p.bodyCentreX, p.z0 - z0);
  return { z0, z1, ...air, bodyCentreX, bone };
}

interface RunSlab {
  z0: number;
  z1: number;
  rowStart: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

function concatRuns(parts: readonly RunSlab[], z0: number, z1: number, ny: number): { rowStart: Int32Array; starts: Int32Array; ends: Int32Array; count: number } {
  let count = 0;
  for (const p of parts) count += p.count;
  const rowStart = new Int32Array((z1 - z0) * ny + 1);
  const starts = new Int32Array(count);
  const ends = new Int32Array(count);
  let offset = 0;
  for (const p of parts) {
    const rows = (p.z1 - p.z0) * ny;
    const rowBase = (p.z0 - z0) * ny;
    for (let r = 0; r < rows; r++) rowStart[rowBase + r] = p.rowStart[r]! + offset;
    starts.set(p.starts.subarray(0, p.count), offset);
    ends.set(p.ends.subarray(0, p.count), offset);
    offset += p.count;
  }
  rowStart[(z1 - z0) * ny] = offset;
  return { rowStart, starts, ends, count };
}
