import type { LungRuns } from './lungRuns';
import { MIXED_RUN, RUN_LUNG } from './lungRuns';

/**
 * Air cysts that thin walls cut off from the lung: honeycombing (clustered subpleural cysts of 3 to
 * 10 mm with walls of 1 to 3 mm: Hansell et al., Fleischner Society glossary, Radiology
 * 2008;246:697), paraseptal emphysema, cystic lung disease. Each is its own small air component in
 * 3-D, too small to be kept as lung (MIN_LUNG_COMPONENT_ML), so without this step a honeycombed
 * base loses its cysts, and the closing has nothing to close the walls against. A small component
 * joins the lung when one of its runs lies within CYST_MAX_GAP_MM of that lung in the same slice;
 * rounds repeat so that rows of cysts behind the first join as well.
 *
 * What is kept out: noise specks in fat (below CYST_MIN_MM3, or not air-dense on average: fat is
 * about -100 HU, so its noise dips just below the -200 HU air threshold, while a cyst holds air at
 * about -900 HU with partial volume at its wall), the oesophagus and bowel loops
 * (taller than CYST_MAX_HEIGHT_MM along the slices, or larger than CYST_MAX_ML), and gas beyond
 * the diaphragm or a mediastinal wall, which is thicker than CYST_MAX_GAP_MM (the diaphragm is
 * about 3 to 5 mm thick with its pleura).
 */

/** Largest wall (mm, in-plane) between a cyst and the lung or a cyst already joined. */
export const CYST_MAX_GAP_MM = 2;
/** Smallest cyst (mm3): about a 2 mm sphere; smaller air specks are noise in fat. */
export const CYST_MIN_MM3 = 4;
/** A cyst's mean density is at most this (HU): air with partial volume at the wall, not a fat speck. */
export const CYST_MAX_MEAN_HU = -500;
/** Largest cyst (mL): a 15 mm sphere is 1.8 mL; bigger air pockets cut off from the lung are bowel or bullae kept by size. */
export const CYST_MAX_ML = 2;
/** Largest cranio-caudal height (mm): the oesophagus and bowel loops are long, cysts are round. */
export const CYST_MAX_HEIGHT_MM = 20;
/** Rows of cysts joined at most, counting from the lung (honeycombing is a few rows deep). */
export const CYST_MAX_ROUNDS = 8;

/**
 * Gives the cysts next to the lung their lung's label in `runLabel` (and RUN_LUNG in the runs'
 * state). `component[k]` is run k's small air component (-1 for runs that are not candidates: lung,
 * airway); `labels` holds the voxel labels of MIXED_RUN runs; `hu` is the volume. Returns the voxels joined.
 */
export function joinLungCysts(
  runs: LungRuns,
  runLabel: Uint8Array,
  component: Int32Array,
  componentCount: number,
  labels: Uint8Array,
  hu: Int16Array,
  spacingMm: readonly [number, number, number],
): number {
  const { nx, ny, nz, rowStart, starts, ends, count, state } = runs;
  if (componentCount === 0) return 0;
  const [sx, sy, sz] = spacingMm;
  const voxelMm3 = sx * sy * sz;
  const size = new Float64Array(componentCount);
  const huSum = new Float64Array(componentCount);
  const zMin = new Int32Array(componentCount).fill(nz);
  const zMax = new Int32Array(componentCount).fill(-1);
  for (let g = 0; g < nz * ny; g++) {
    const z = (g / ny) | 0;
    for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
      const c = component[k]!;
      if (c < 0) continue;
      size[c]! += ends[k]! - starts[k]! + 1;
      for (let i = g * nx + starts[k]!, end = g * nx + ends[k]!; i <= end; i++) huSum[c]! += hu[i]!;
      if (z < zMin[c]!) zMin[c] = z;
      if (z > zMax[c]!) zMax[c] = z;
    }
  }
  const eligible = new Uint8Array(componentCount);
  let anyEligible = false;
  for (let c = 0; c < componentCount; c++) {
    const mm3 = size[c]! * voxelMm3;
    if (mm3 >= CYST_MIN_MM3 && mm3 <= CYST_MAX_ML * 1000 && huSum[c]! / size[c]! <= CYST_MAX_MEAN_HU && (zMax[c]! - zMin[c]! + 1) * sz <= CYST_MAX_HEIGHT_MM) {
      eligible[c] = 1;
      anyEligible = true;
    }
  }
  if (!anyEligible) return 0;
  // Runs of eligible components, grouped by component, and each run's row.
  const candidates: number[] = [];
  const rowOf = new Int32Array(count);
  for (let g = 0; g < nz * ny; g++) {
    for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
      rowOf[k] = g;
      const c = component[k]!;
      if (c >= 0 && eligible[c] === 1) candidates.push(k);
    }
  }
  // A run reaching `gap` voxels beyond its end touches lung across a wall of up to gap - 1 voxels.
  const gapX = Math.floor(CYST_MAX_GAP_MM / sx) + 1;
  const gapY = Math.floor(CYST_MAX_GAP_MM / sy) + 1;
  const joinedTo = new Uint8Array(componentCount);
  /** The label of lung near run k in its slice (0 if none). */
  const labelNear = (k: number): number => {
    const g = rowOf[k]!;
    const y = g % ny;
    const s = starts[k]! - gapX;
    const e = ends[k]! + gapX;
    for (let dy = -gapY; dy <= gapY; dy++) {
      if (y + dy < 0 || y + dy >= ny) continue;
      const h = g + dy;
      for (let j = rowStart[h]!; j < rowStart[h + 1]!; j++) {
        const l = runLabel[j]!;
        if (l === 0 || starts[j]! > e || ends[j]! < s) continue;
        if (l !== MIXED_RUN) return l;
        // A split run: the label of its voxel nearest to run k.
        const x = Math.min(Math.max(starts[k]!, starts[j]!), ends[j]!);
        const v = labels[h * nx + x]!;
        if (v === 1 || v === 2) return v;
      }
    }
    return 0;
  };
  let joinedVoxels = 0;
  for (let round = 0; round < CYST_MAX_ROUNDS; round++) {
    const found: number[] = [];
    for (const k of candidates) {
      const c = component[k]!;
      if (joinedTo[c] !== 0) continue;
      const l = labelNear(k);
      if (l === 0) continue;
      joinedTo[c] = l;
      found.push(c);
    }
    if (found.length === 0) break;
    // Labelled after the round, so that a round reaches one row of cysts further.
    for (const k of candidates) {
      const c = component[k]!;
      const l = joinedTo[c]!;
      if (l === 0 || runLabel[k] !== 0) continue;
      runLabel[k] = l;
      state[k] = RUN_LUNG;
      joinedVoxels += ends[k]! - starts[k]! + 1;
    }
  }
  return joinedVoxels;
}
