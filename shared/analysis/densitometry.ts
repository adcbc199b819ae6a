import { err, ok, type Problem, type Result } from '../result';
import { densityMeasures, type DensityMeasures } from './densityStatistics';
import { HISTOGRAM_BIN_HU, HISTOGRAM_HIGH_HU, HISTOGRAM_LOW_HU } from './densityThresholds';
import { orientationOf, type DensitometryInput } from './densitometryInput';
import { LUNG_ZONE_NAMES, type LungZoneName } from './densitometryRegions';
import { finishLungSlices, segmentLungRuns, type LungMask, type LungMaskOptions, type LungMaskProblemCode } from './lungMask';
import { EXACT_HISTOGRAM_BINS, EXACT_HISTOGRAM_OFFSET, emptyZoneHistograms, lungZoneSlices, lungZoneSlicesOfRuns, type LungZoneSlices } from './lungZoneSlices';

/** Counts per display bin: bin b holds lowHu + b * binHu (inclusive) up to the next bin (exclusive). */
export interface DensityHistogram {
  lowHu: number;
  binHu: number;
  counts: number[];
  /** Voxels below lowHu and at or above the last bin's upper edge, not in `counts`. */
  belowCount: number;
  aboveCount: number;
}

export interface DensitometryResult {
  whole: DensityMeasures;
  right: DensityMeasures;
  left: DensityMeasures;
  zones: Record<LungZoneName, DensityMeasures>;
  /** For the viewer's histogram plot. */
  histograms: { whole: DensityHistogram; right: DensityHistogram; left: DensityHistogram };
  mask: LungMask;
  zoneSlices: LungZoneSlices;
}

const EXACT_OFFSET = EXACT_HISTOGRAM_OFFSET;
const EXACT_BINS = EXACT_HISTOGRAM_BINS;

/**
 * Segments the lungs and measures their density (densitometry.md), all in one call. The zone
 * histograms are filled while the mask is made, so the measures need no pass over the volume.
 */
export function computeDensitometry(
  input: DensitometryInput,
  options: LungMaskOptions = {},
): Result<DensitometryResult, Problem<LungMaskProblemCode>> {
  const labels = options.labels ?? new Uint8Array(input.hu.length);
  const staged = segmentLungRuns(input, { ...options, labels });
  if (!staged.ok) return err(staged.error);
  const stage = staged.value;
  const zoneSlices = lungZoneSlicesOfRuns(stage.runs, orientationOf(input).slicesAscendCranially);
  const zones = emptyZoneHistograms(zoneSlices.levelBySlice);
  const [rightVoxels, leftVoxels] = finishLungSlices(input, stage, labels, 0, stage.dimensions[2], zones, options.onStage);
  const mask: LungMask = { labels, dimensions: stage.dimensions, rightVoxels, leftVoxels, airwaySlices: stage.airwaySlices, lungsWereJoined: stage.lungsWereJoined };
  return ok(densitometryOfZoneHistograms(zones.counts, input.spacingMm, mask, zoneSlices));
}

/** The measures for a given mask (e.g. one corrected by hand, or read back from `--mask-out`). */
export function measureDensitometry(input: DensitometryInput, mask: LungMask): DensitometryResult {
  const [nx, ny, nz] = input.dimensions;
  const slice = nx * ny;
  const zoneSlices = lungZoneSlices(mask.labels, input.dimensions, orientationOf(input).slicesAscendCranially);
  // One exact histogram per zone; lungs and whole are sums of them.
  const zoneCounts = LUNG_ZONE_NAMES.map(() => new Int32Array(EXACT_BINS));
  const hu = input.hu;
  const labels = mask.labels;
  const [rightLevels, leftLevels] = zoneSlices.levelBySlice;
  // Four labels at a time where the layout allows: most of the volume is not lung.
  const words = slice % 4 === 0 && labels.byteOffset % 4 === 0 ? new Uint32Array(labels.buffer, labels.byteOffset, labels.length >> 2) : null;
  for (let z = 0; z < nz; z++) {
    if (rightLevels[z]! < 0 && leftLevels[z]! < 0) continue;
    const base = z * slice;
    const right = zoneCounts[rightLevels[z]!] ?? zoneCounts[0]!;
    const left = zoneCounts[3 + leftLevels[z]!] ?? zoneCounts[3]!;
    const step = words !== null ? 4 : 1;
    for (let w = base / step; w < (base + slice) / step; w++) {
      if (words !== null && words[w] === 0) continue;
      for (let i = w * step; i < (w + 1) * step; i++) {
        const l = labels[i]!;
        if (l === 0) continue;
        const bin = hu[i]! - EXACT_OFFSET;
        if (l === 1) right[bin]!++;
        else left[bin]!++;
      }
    }
  }
  return densitometryOfZoneHistograms(zoneCounts, input.spacingMm, mask, zoneSlices);
}

/**
 * The result from the six zone histograms (right upper, middle, lower, then left; exact, one bin
 * per HU from EXACT_HISTOGRAM_OFFSET): lungs and whole are their sums.
 */
export function densitometryOfZoneHistograms(
  zoneCounts: readonly Int32Array[],
  spacingMm: readonly [number, number, number],
  mask: LungMask,
  zoneSlices: LungZoneSlices,
): DensitometryResult {
  const [sx, sy, sz] = spacingMm;
  const voxelMl = (sx * sy * sz) / 1000;
  // Only the bins from the lowest to the highest value present are looked at (lung holds a few
  // thousand of the 65536): the same numbers, a fraction of the passes.
  let first = EXACT_BINS;
  let last = -1;
  for (const counts of zoneCounts) {
    let b = 0;
    while (b < first && counts[b] === 0) b++;
    first = Math.min(first, b);
    b = EXACT_BINS - 1;
    while (b > last && counts[b] === 0) b--;
    last = Math.max(last, b);
  }
  if (last < first) first = last = 0;
  const offset = EXACT_OFFSET + first;
  const used = zoneCounts.map((counts) => counts.subarray(first, last + 1));
  const sumOf = (parts: readonly (Int32Array | Float64Array)[]): Float64Array => {
    const out = new Float64Array(last - first + 1);
    for (const part of parts) for (let b = 0; b < out.length; b++) out[b]! += part[b]!;
    return out;
  };
  const rightCounts = sumOf(used.slice(0, 3));
  const leftCounts = sumOf(used.slice(3));
  const wholeCounts = sumOf([rightCounts, leftCounts]);
  const zones = {} as Record<LungZoneName, DensityMeasures>;
  LUNG_ZONE_NAMES.forEach((name, i) => (zones[name] = densityMeasures(used[i]!, offset, voxelMl)));
  return {
    whole: densityMeasures(wholeCounts, offset, voxelMl),
    right: densityMeasures(rightCounts, offset, voxelMl),
    left: densityMeasures(leftCounts, offset, voxelMl),
    zones,
    histograms: { whole: displayHistogram(wholeCounts, offset), right: displayHistogram(rightCounts, offset), left: displayHistogram(leftCounts, offset) },
    mask,
    zoneSlices,
  };
}

/** `exact[b]` = voxels of value offsetHu + b. */
function displayHistogram(exact: Float64Array, offsetHu: number): DensityHistogram {
  const bins = (HISTOGRAM_HIGH_HU - HISTOGRAM_LOW_HU) / HISTOGRAM_BIN_HU;
  const counts = new Array<number>(bins).fill(0);
  let belowCount = 0;
  let aboveCount = 0;
  for (let b = 0; b < exact.length; b++) {
    const c = exact[b]!;
    if (c === 0) continue;
    const v = b + offsetHu;
    if (v < HISTOGRAM_LOW_HU) belowCount += c;
    else if (v >= HISTOGRAM_HIGH_HU) aboveCount += c;
    else counts[Math.floor((v - HISTOGRAM_LOW_HU) / HISTOGRAM_BIN_HU)]! += c;
  }
  return { lowHu: HISTOGRAM_LOW_HU, binHu: HISTOGRAM_BIN_HU, counts, belowCount, aboveCount };
}
