/**
 * The lung candidates of the mask as runs along x (rowRuns.ts): run k covers x = starts[k] ..
 * ends[k] (inclusive) of global row g = z * ny + y, for rowStart[g] <= k < rowStart[g + 1].
 */
export interface LungRuns {
  nx: number;
  ny: number;
  nz: number;
  rowStart: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** Per run: RUN_NONE, RUN_LUNG or RUN_AIRWAY. */
  state: Uint8Array;
}

export const RUN_NONE = 0;
export const RUN_LUNG = 1;
export const RUN_AIRWAY = 2;

/** A run's voxels carry their own labels in the label volume (split lungs). */
export const MIXED_RUN = 3;

/**
 * Lung runs after the split, one label (1 right, 2 left) each; row layout as in LungRuns. Plain
 * typed arrays: the runs travel to the threads that finish slabs of slices.
 */
export interface LabelledRuns {
  nx: number;
  ny: number;
  nz: number;
  rowStart: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
  label: Uint8Array;
  count: number;
}
