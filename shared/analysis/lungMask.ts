import { err, ok, type Problem, type Result } from '../result';
import { bodyAirRuns, type BodyAirRuns } from './bodyAirRuns';
import { orientationOf, paddingRuleOf, type DensitometryInput } from './densitometryInput';
import { closeAndFillLungs } from './lungClosing';
import { joinLungCysts } from './lungCysts';
import type { ZoneHistograms } from './lungZoneSlices';
import { fillPleuralDiseaseVolume, PLEURAL_BONE_HU } from './lungPleuralFill';
import { removeAirwayRuns } from './lungAirways';
import { type LabelledRuns, type LungRuns, MIXED_RUN, RUN_AIRWAY, RUN_LUNG, RUN_NONE } from './lungRuns';
import { splitJoinedLungs } from './lungSplit';
import * as rowRuns from './rowRuns';

// Plain local bindings: tsx and vitest turn each use of an imported binding into a getter call,
// and the run loops call these millions of times (as shared/phantom/rasterizeAnatomy.ts does).
const { findRoot, IntVector, runSumX, unionOverlapping } = rowRuns;

/**
 * Lung segmentation for densitometry, after the classic threshold + connectivity pipeline (Hu,
 * Hoffman, Reinhardt, "Automatic lung segmentation for accurate quantitation of volumetric X-ray CT
 * images", IEEE TMI 2001;20:490), in the order densitometry.md asks for:
 *
 * 1. body: per slice, air connected to the image edge or to padding is outside; of what is left,
 *    the largest 4-connected region is the body (drops the table, blankets and arms);
 * 2. air-containing lung: voxels below LUNG_AIR_BELOW_HU (exclusive) inside the body, 6-connected
 *    in 3-D; bowel and stomach gas are separate components and fall out by size;
 * 3. trachea and main bronchi: followed slice by slice from the neck down while their cross-section
 *    stays airway-sized, then by their lumen inside the lung down to 40 mm below the carina
 *    (lungAirways.ts); removed, and kept out of the closing and hole fill;
 * 4. right and left lungs: separate components, or where they touch (anterior junction), split by
 *    growing both lungs at once from the slices where they are apart; then small air cysts walled
 *    off beside a lung (honeycombing) join it (lungCysts.ts);
 * 5. per lung and slice: a closing and a hole fill, so vessels, honeycomb walls, reticulation and
 *    dense disease against the pleura stay inside;
 * padding is never part of the mask.
 *
 * Steps 1 to 4 work on runs along x (rowRuns.ts) rather than voxels, which is what keeps a 512 x 512
 * x 261 chest at a fraction of a second.
 */

/** Mask values: 0 not lung, 1 right lung, 2 left lung (the `--mask-out` file format). */
export type LungLabel = 0 | 1 | 2;
export const RIGHT_LUNG: LungLabel = 1;
export const LEFT_LUNG: LungLabel = 2;

/**
 * Air-containing lung is below -200 HU (exclusive). Normal parenchyma is about -850; ground glass
 * -700 to -500; fat is about -100 and soft tissue above 0, so -200 keeps fat and muscle out while
 * dense-but-aerated lung stays in. Denser disease comes back through the closing and hole fill.
 */
export const LUNG_AIR_BELOW_HU = -200;

/** A lung component must hold at least this much (mL) and this share of the largest one. */
export const MIN_LUNG_COMPONENT_ML = 50;
export const MIN_LUNG_COMPONENT_SHARE = 0.15;

/**
 * Trachea and main bronchi in one slice are at most about 25 mm across (adult trachea up to 25-27
 * mm, Breatnach et al., AJR 1984;142:903): a cross-section above TRACHEA_MAX_AREA_MM2 (inclusive
 * limit) is lung. The trachea is first found within TRACHEA_MAX_OFFSET_MM of the body's centre.
 */
export const TRACHEA_MAX_AREA_MM2 = 800;
export const TRACHEA_MIN_AREA_MM2 = 20;
export const TRACHEA_MAX_OFFSET_MM = 30;
/** The trachea must appear within the cranial 40 % of the slices that hold lung candidates. */
export const TRACHEA_SEARCH_FRACTION = 0.4;

/** A slice component with at least this share of its area on each side of the midline joins both lungs. */
export const JOINED_MIN_SIDE_SHARE = 0.15;

/**
 * Holes in a slice of one lung up to this area (mm2, inclusive) are filled: vessels, mucus-filled
 * airways, honeycomb walls, a nodule. Larger holes are organs the lung wraps around in that slice
 * (the diaphragmatic domes, the heart) and stay out.
 */
export const MAX_HOLE_AREA_MM2 = 1000;

/** Closing radius (mm, square window) for the lung edge: fills pleural concavities up to ~2r wide. */
export const DEFAULT_CLOSING_RADIUS_MM = 4;

/** Stages `onStage` reports, in order. */
export type LungMaskStage = 'body' | 'air-components' | 'airways' | 'lung-components' | 'split' | 'closing' | 'pleural';

export interface LungMaskOptions {
  closingRadiusMm?: number;
  /** Step 6 (lungPleuralFill.ts); on unless false. */
  pleuralFill?: boolean;
  /** Step 4b (lungCysts.ts): air cysts walled off next to the lung join it; on unless false. */
  joinCysts?: boolean;
  /** Called as each stage ends (for timing by the caller; shared/ keeps no clock). */
  onStage?: (stage: LungMaskStage) => void;
  /**
   * Step 1 results computed elsewhere (e.g. by workers over slab ranges); must equal
   * bodyAirRuns(hu, nx, ny, 0, nz, paddingRuleOf(input), LUNG_AIR_BELOW_HU, PLEURAL_BONE_HU).
   */
  bodyAirRuns?: BodyAirRuns;
  /**
   * The label volume to write (zeros, input size), e.g. over a SharedArrayBuffer so that threads
   * can finish slabs of slices side by side (finishLungSlices); a new one when omitted.
   */
  labels?: Uint8Array;
}

export interface LungMask {
  /** 0 outside, 1 right lung, 2 left lung; volume layout of the input. */
  labels: Uint8Array;
  dimensions: [number, number, number];
  rightVoxels: number;
  leftVoxels: number;
  /** Slices where the trachea or main bronchi were found and removed. */
  airwaySlices: number;
  /** True when the lungs touched and had to be split. */
  lungsWereJoined: boolean;
}

export type LungMaskProblemCode = 'invalid-volume' | 'no-lungs-found';

/**
 * Steps 1 to 4 done, as plain data (it travels between threads): the lungs as labelled runs (in
 * the label volume only where the split wrote them; finishLungSlices writes them all), and what
 * steps 5 and 6 need. Those two work slice by slice, each slice on its own, so any slab of slices
 * can be finished apart from the others (finishLungSlices) and the result does not depend on how
 * the volume was cut.
 */
export interface LungRunsStage {
  dimensions: [number, number, number];
  runs: LabelledRuns;
  /** Trachea and main bronchi removed in step 3, marked AIRWAY_MARK in the label volume until step 6 ends. */
  airways: AirwayRuns;
  bone: BodyAirRuns['bone'];
  /** Mean x of each slice's body (step 1), NaN without one: the pleural step's midline. */
  bodyCentreX: Float64Array;
  airwaySlices: number;
  lungsWereJoined: boolean;
  closingRadiusPx: number;
  maxHolePixels: number;
  pleuralFill: boolean;
}

/** Steps 1 to 6 over the whole volume, in this thread. */
export function segmentLungs(input: DensitometryInput, options: LungMaskOptions = {}): Result<LungMask, Problem<LungMaskProblemCode>> {
  const labels = options.labels ?? new Uint8Array(input.hu.length);
  const staged = segmentLungRuns(input, { ...options, labels });
  if (!staged.ok) return staged;
  const stage = staged.value;
  const [right, left] = finishLungSlices(input, stage, labels, 0, stage.dimensions[2], null, options.onStage);
  return ok({ labels, dimensions: stage.dimensions, rightVoxels: right, leftVoxels: left, airwaySlices: stage.airwaySlices, lungsWereJoined: stage.lungsWereJoined });
}

/** Steps 1 to 4, into `options.labels` (or a new volume, then lost: pass one). */
export function segmentLungRuns(input: DensitometryInput, options: LungMaskOptions = {}): Result<LungRunsStage, Problem<LungMaskProblemCode>> {
  const [nx, ny, nz] = input.dimensions;
  const [sx, sy, sz] = input.spacingMm;
  const slice = nx * ny;
  const total = slice * nz;
  if (!(nx > 2 && ny > 2 && nz > 0) || input.hu.length !== total || !(sx > 0 && sy > 0 && sz > 0)) {
    return err({ code: 'invalid-volume', message: `Volume of ${input.hu.length} voxels does not match ${nx} x ${ny} x ${nz} with spacing ${sx} x ${sy} x ${sz} mm.` });
  }
  const voxelMl = (sx * sy * sz) / 1000;
  const pixelMm2 = sx * sy;
  const orientation = orientationOf(input);
  const padding = paddingRuleOf(input);

  // 1. Body and enclosed air, slice by slice.
  const air = options.bodyAirRuns ?? bodyAirRuns(input.hu, nx, ny, 0, nz, padding, LUNG_AIR_BELOW_HU, PLEURAL_BONE_HU);
  options.onStage?.('body');
  const runs: LungRuns = { nx, ny, nz, rowStart: air.rowStart, starts: air.starts, ends: air.ends, count: air.count, state: new Uint8Array(air.count) };

  // 2. Air-containing components in 3-D; keep the large ones.
  const parent = new Int32Array(runs.count);
  const airComponents = components3d(runs, parent, null);
  const kept = largeComponents(airComponents.size, voxelMl);
  if (kept.length === 0) return err(noLungs('no air-containing region inside the body is large enough to be lung'));
  const keptRoot = new Uint8Array(runs.count);
  for (const c of kept) keptRoot[airComponents.root[c]!] = 1;
  for (let k = 0; k < runs.count; k++) runs.state[k] = keptRoot[findRoot(parent, k)] === 1 ? RUN_LUNG : RUN_NONE;
  options.onStage?.('air-components');

  // 3. Trachea and main bronchi.
  const airwaySlices = removeAirwayRuns(runs, parent, orientation.slicesAscendCranially, air.bodyCentreX, pixelMm2, input.spacingMm, input.hu);
  options.onStage?.('airways');

  // 4. Lungs, right and left.
  // The airway step may have cut runs: sizes from here on are the new ones.
  const lungParent = runs.count === parent.length ? parent : new Int32Array(runs.count);
  const isLung = new Uint8Array(runs.count);
  for (let k = 0; k < runs.count; k++) isLung[k] = runs.state[k] === RUN_LUNG ? 1 : 0;
  const lungs = components3d(runs, lungParent, isLung);
  const lungComponents = largeComponents(lungs.size, voxelMl);
  if (lungComponents.length === 0) return err(noLungs('only airways were found inside the body'));
  options.onStage?.('lung-components');
  const labels = options.labels ?? new Uint8Array(total);
  /** Per run: 0 none, 1 right, 2 left, MIXED_RUN when its voxels carry their own labels. */
  const runLabel = new Uint8Array(runs.count);
  const leftIsHighX = orientation.xTowardsPatientLeft;
  let lungsWereJoined = false;
  const componentOfRoot = new Int32Array(runs.count).fill(-1);
  lungComponents.forEach((c, n) => (componentOfRoot[lungs.root[c]!] = n));
  const centroids = lungComponents.map((c) => lungs.sumX[c]! / lungs.size[c]!);
  if (lungComponents.length >= 2) {
    // The two largest are the lungs; others (a lobe cut off by a fissure-thin gap) go to their side.
    const midline = (centroids[0]! + centroids[1]!) / 2;
    const sideOf = centroids.map((cx) => ((cx > midline) === leftIsHighX ? LEFT_LUNG : RIGHT_LUNG));
    for (let k = 0; k < runs.count; k++) {
      if (isLung[k] === 0) continue;
      const n = componentOfRoot[findRoot(lungParent, k)]!;
      if (n < 0) continue;
      const label = sideOf[n]!;
      runLabel[k] = label;
    }
  } else {
    const inComponent = new Uint8Array(runs.count);
    for (let k = 0; k < runs.count; k++) if (isLung[k] === 1 && componentOfRoot[findRoot(lungParent, k)] === 0) inComponent[k] = 1;
    lungsWereJoined = splitJoinedLungs(runs, inComponent, centroids[0]!, leftIsHighX, labels, runLabel);
  }
  if (options.joinCysts !== false) joinCysts(runs, runLabel, labels, input.hu, input.spacingMm);
  const labelled = labelledRuns(runs, runLabel, labels);
  // The airways removed are marked so that the closing and hole fill do not put them back.
  const airways = airwayRuns(runs, labels);
  options.onStage?.('split');
  const radiusMm = options.closingRadiusMm ?? DEFAULT_CLOSING_RADIUS_MM;
  return ok({
    dimensions: [nx, ny, nz],
    runs: labelled,
    airways,
    bone: air.bone,
    bodyCentreX: air.bodyCentreX,
    airwaySlices,
    lungsWereJoined,
    closingRadiusPx: Math.max(0, Math.round(radiusMm / Math.min(sx, sy))),
    maxHolePixels: MAX_HOLE_AREA_MM2 / pixelMm2,
    pleuralFill: options.pleuralFill !== false,
  });
}

/**
 * Steps 5 and 6 for slices [z0, z1) of `labels`: the stage's runs written, then closing and hole
 * fill per lung and slice, never padding, never the other lung; then dense disease against the
 * chest wall back inside. With `zones`, every lung voxel of these slices is also counted into its
 * zone's exact histogram as it is labelled, so no pass over the label volume is needed afterwards.
 * Returns the voxels of [right, left] lung in these slices.
 */
export function finishLungSlices(
  input: DensitometryInput,
  stage: LungRunsStage,
  labels: Uint8Array,
  z0: number,
  z1: number,
  zones: ZoneHistograms | null,
  onStage?: (stage: LungMaskStage) => void,
): [number, number] {
  const padding = paddingRuleOf(input);
  const orientation = orientationOf(input);
  const counts = closeAndFillLungs(stage.runs, labels, input.hu, padding, stage.closingRadiusPx, stage.maxHolePixels, z0, z1, zones);
  onStage?.('closing');
  if (stage.pleuralFill) {
    const added = fillPleuralDiseaseVolume(labels, input.hu, padding, stage.runs, stage.bone, stage.bodyCentreX, input.spacingMm, orientation.xTowardsPatientLeft, orientation.yTowardsPosterior, LUNG_AIR_BELOW_HU, z0, z1, zones);
    counts[0] += added[0];
    counts[1] += added[1];
  }
  // The airway marks go: the mask holds 0, 1 and 2 only.
  const { rowStart, starts, ends } = stage.airways;
  const [nx, ny] = stage.dimensions;
  for (let g = z0 * ny; g < z1 * ny; g++) for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) labels.fill(0, g * nx + starts[k]!, g * nx + ends[k]! + 1);
  onStage?.('pleural');
  return counts;
}

/** Step 4b: the small air components (not lung, not airway) and lungCysts.ts on them. */
function joinCysts(runs: LungRuns, runLabel: Uint8Array, labels: Uint8Array, hu: Int16Array, spacingMm: readonly [number, number, number]): number {
  const candidate = new Uint8Array(runs.count);
  for (let k = 0; k < runs.count; k++) candidate[k] = runs.state[k] === RUN_NONE && runLabel[k] === 0 ? 1 : 0;
  const parent = new Int32Array(runs.count);
  const found = components3d(runs, parent, candidate);
  const indexOfRoot = new Int32Array(runs.count).fill(-1);
  found.root.forEach((r, c) => (indexOfRoot[r] = c));
  const component = new Int32Array(runs.count).fill(-1);
  for (let k = 0; k < runs.count; k++) if (candidate[k] === 1) component[k] = indexOfRoot[findRoot(parent, k)]!;
  return joinLungCysts(runs, runLabel, component, found.root.length, labels, hu, spacingMm);
}

/** Label-volume value of a removed airway voxel while steps 5 and 6 run (never in a finished mask). */
export const AIRWAY_MARK = 3;

/** The airway runs of step 3, row layout as in LungRuns. */
export interface AirwayRuns {
  rowStart: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

/** Collects the airway runs and marks them AIRWAY_MARK in `labels`. */
function airwayRuns(runs: LungRuns, labels: Uint8Array): AirwayRuns {
  const { nx, ny, nz, rowStart, starts, ends, state } = runs;
  const outRowStart = new Int32Array(nz * ny + 1);
  const outStarts = new IntVector(1024);
  const outEnds = new IntVector(1024);
  for (let g = 0; g < nz * ny; g++) {
    outRowStart[g] = outStarts.length;
    for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
      if (state[k] !== RUN_AIRWAY) continue;
      outStarts.push(starts[k]!);
      outEnds.push(ends[k]!);
      labels.fill(AIRWAY_MARK, g * nx + starts[k]!, g * nx + ends[k]! + 1);
    }
  }
  outRowStart[nz * ny] = outStarts.length;
  return { rowStart: outRowStart, starts: outStarts.data.slice(0, outStarts.length), ends: outEnds.data.slice(0, outEnds.length) };
}

function noLungs(why: string): Problem<LungMaskProblemCode> {
  return { code: 'no-lungs-found', message: `No lungs found: ${why}.` };
}

/** 6-connected components of the runs (those with include[k] = 1, or all), in raster order of their first run. */
interface RunComponents {
  root: number[];
  size: number[];
  sumX: number[];
}

function components3d(runs: LungRuns, parent: Int32Array, include: Uint8Array | null): RunComponents {
  const { ny, nz, rowStart, starts, ends, count } = runs;
  for (let k = 0; k < count; k++) parent[k] = k;
  const keep = include ?? undefined;
  for (let g = 0; g < nz * ny; g++) {
    const a0 = rowStart[g]!;
    const a1 = rowStart[g + 1]!;
    if (a0 === a1) continue;
    if (g % ny !== 0) unionOverlapping(parent, starts, ends, rowStart[g - 1]!, a0, a0, a1, keep);
    if (g >= ny) unionOverlapping(parent, starts, ends, rowStart[g - ny]!, rowStart[g - ny + 1]!, a0, a1, keep);
  }
  const index = new Int32Array(count).fill(-1);
  const out: RunComponents = { root: [], size: [], sumX: [] };
  for (let k = 0; k < count; k++) {
    if (include !== null && include[k] === 0) continue;
    const r = findRoot(parent, k);
    let c = index[r]!;
    if (c < 0) {
      c = out.root.length;
      index[r] = c;
      out.root.push(r);
      out.size.push(0);
      out.sumX.push(0);
    }
    out.size[c]! += ends[k]! - starts[k]! + 1;
    out.sumX[c]! += runSumX(starts[k]!, ends[k]!);
  }
  return out;
}

/**
 * The lung runs with one label each: labelled runs as they are, mixed runs (split lungs) cut where
 * their voxels' labels (written by the split) change. The label volume gets the runs later, slab
 * by slab (lungClosing.ts), in the threads that finish the slices.
 */
function labelledRuns(runs: LungRuns, runLabel: Uint8Array, labels: Uint8Array): LabelledRuns {
  const { nx, ny, nz, rowStart, starts, ends } = runs;
  const rowStartOut = new Int32Array(nz * ny + 1);
  const outStarts = new IntVector(runs.count);
  const outEnds = new IntVector(runs.count);
  const outLabel = new IntVector(runs.count);
  for (let g = 0; g < nz * ny; g++) {
    rowStartOut[g] = outStarts.length;
    const row = g * nx;
    for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
      const l = runLabel[k]!;
      if (l === RIGHT_LUNG || l === LEFT_LUNG) {
        outStarts.push(starts[k]!);
        outEnds.push(ends[k]!);
        outLabel.push(l);
      } else if (l === MIXED_RUN) {
        let s = starts[k]!;
        let current = labels[row + s]!;
        for (let x = s + 1; x <= ends[k]! + 1; x++) {
          const next = x <= ends[k]! ? labels[row + x]! : 0;
          if (next === current) continue;
          if (current === RIGHT_LUNG || current === LEFT_LUNG) {
            outStarts.push(s);
            outEnds.push(x - 1);
            outLabel.push(current);
          }
          s = x;
          current = next;
        }
      }
    }
  }
  const count = outStarts.length;
  rowStartOut[nz * ny] = count;
  return {
    nx,
    ny,
    nz,
    rowStart: rowStartOut,
    starts: outStarts.data.slice(0, count),
    ends: outEnds.data.slice(0, count),
    label: Uint8Array.from(outLabel.data.subarray(0, count)),
    count,
  };
}

/** Indices of components big enough to be lung, largest first. */
function largeComponents(sizes: readonly number[], voxelMl: number): number[] {
  let largest = 0;
  for (const s of sizes) if (s > largest) largest = s;
  const minVoxels = Math.max(MIN_LUNG_COMPONENT_ML / voxelMl, MIN_LUNG_COMPONENT_SHARE * largest);
  const out: number[] = [];
  sizes.forEach((s, c) => {
    if (s >= minVoxels && s > 0) out.push(c);
  });
  return out.sort((a, b) => sizes[b]! - sizes[a]!);
}
