import type { LabelledRuns } from './lungRuns';
import type { LungSide } from './densitometryRegions';

/**
 * Upper, middle and lower zones: equal thirds of each lung's cranio-caudal extent (densitometry.md),
 * the same convention as the phantom's ground truth: the extent runs from the outer face of the
 * lung's most caudal slice to the outer face of its most cranial one (n slices); slice i counted from
 * the caudal end belongs to third floor(3 (i + 0.5) / n), i.e. the third holding its centre.
 */
export interface LungZoneExtent {
  side: LungSide;
  /** Lowest and highest slice index (volume layout) holding this lung. */
  firstSlice: number;
  lastSlice: number;
}

export interface LungZoneSlices {
  right: LungZoneExtent | null;
  left: LungZoneExtent | null;
  /** Per side (0 right, 1 left), per slice: 0 upper, 1 middle, 2 lower, -1 no lung. */
  levelBySlice: [Int8Array, Int8Array];
}

export function lungZoneSlices(labels: Uint8Array, dimensions: readonly [number, number, number], slicesAscendCranially: boolean): LungZoneSlices {
  const [nx, ny, nz] = dimensions;
  const slice = nx * ny;
  const first = [-1, -1];
  const last = [-1, -1];
  // Four labels at a time where the layout allows: most of the volume is not lung.
  const words = slice % 4 === 0 && labels.byteOffset % 4 === 0 ? new Uint32Array(labels.buffer, labels.byteOffset, labels.length >> 2) : null;
  for (let z = 0; z < nz; z++) {
    const base = z * slice;
    let right = false;
    let left = false;
    for (let p = 0; p < slice && !(right && left); p++) {
      if (words !== null && (p & 3) === 0 && words[(base + p) >> 2] === 0) {
        p += 3;
        continue;
      }
      const l = labels[base + p]!;
      if (l === 1) right = true;
      else if (l === 2) left = true;
    }
    if (right) {
      if (first[0] === -1) first[0] = z;
      last[0] = z;
    }
    if (left) {
      if (first[1] === -1) first[1] = z;
      last[1] = z;
    }
  }
  return zonesOfExtents(first, last, nz, slicesAscendCranially);
}

/**
 * The same from the lung runs before the closing (lungMask.ts): steps 5 and 6 add voxels only to
 * slices that already hold that lung, so the extents, and with them the zones, are final here.
 */
export function lungZoneSlicesOfRuns(runs: LabelledRuns, slicesAscendCranially: boolean): LungZoneSlices {
  const { ny, nz, rowStart, label } = runs;
  const first = [-1, -1];
  const last = [-1, -1];
  for (let z = 0; z < nz; z++) {
    for (let k = rowStart[z * ny]!; k < rowStart[(z + 1) * ny]!; k++) {
      const side = label[k]! - 1;
      if (first[side] === -1) first[side] = z;
      last[side] = z;
    }
  }
  return zonesOfExtents(first, last, nz, slicesAscendCranially);
}

function zonesOfExtents(first: readonly number[], last: readonly number[], nz: number, slicesAscendCranially: boolean): LungZoneSlices {
  const levelBySlice: [Int8Array, Int8Array] = [new Int8Array(nz).fill(-1), new Int8Array(nz).fill(-1)];
  const extents: (LungZoneExtent | null)[] = [null, null];
  for (let s = 0; s < 2; s++) {
    const k0 = first[s]!;
    const k1 = last[s]!;
    if (k0 < 0) continue;
    const n = k1 - k0 + 1;
    for (let k = k0; k <= k1; k++) {
      const fromCaudal = slicesAscendCranially ? k - k0 : k1 - k;
      const third = Math.min(2, Math.floor((3 * (fromCaudal + 0.5)) / n));
      levelBySlice[s]![k] = 2 - third;
    }
    extents[s] = { side: s === 0 ? 'right' : 'left', firstSlice: k0, lastSlice: k1 };
  }
  return { right: extents[0] ?? null, left: extents[1] ?? null, levelBySlice };
}

/** Every int16 value has its own bin: bin = HU - EXACT_HISTOGRAM_OFFSET. */
export const EXACT_HISTOGRAM_OFFSET = -32768;
export const EXACT_HISTOGRAM_BINS = 65536;

/**
 * Exact HU histograms of the six zones (right upper, middle, lower, then left), filled by the mask
 * steps as they label voxels: histogram (label - 1) * 3 + levelBySlice[label - 1][z].
 */
export interface ZoneHistograms {
  levelBySlice: readonly [Int8Array, Int8Array];
  counts: Int32Array[];
}

export function emptyZoneHistograms(levelBySlice: readonly [Int8Array, Int8Array]): ZoneHistograms {
  return { levelBySlice, counts: Array.from({ length: 6 }, () => new Int32Array(EXACT_HISTOGRAM_BINS)) };
}

/** The histogram lung `label` (1 or 2) of slice z counts into, or null outside that lung's extent. */
export function zoneHistogramOf(zones: ZoneHistograms, label: number, z: number): Int32Array | null {
  const level = zones.levelBySlice[label - 1]![z]!;
  return level < 0 ? null : zones.counts[(label - 1) * 3 + level]!;
}
