import { deflateSync } from 'node:zlib';
import { bodyAirRuns, type BodyAirRuns } from '../../../shared/analysis/bodyAirRuns';
import { computeDensitometry, type DensitometryResult } from '../../../shared/analysis/densitometry';
import { packOverlay } from '../../../shared/analysis/densitometryOverlay';
import type { DensitometryInput, PaddingRule } from '../../../shared/analysis/densitometryInput';
import { finishLungSlices, LUNG_AIR_BELOW_HU, segmentLungRuns, type LungMaskProblemCode, type LungRunsStage } from '../../../shared/analysis/lungMask';
import { emptyZoneHistograms } from '../../../shared/analysis/lungZoneSlices';
import { PLEURAL_BONE_HU } from '../../../shared/analysis/lungPleuralFill';
import type { Problem, Result } from '../../../shared/result';
import { assertNever } from '../../../shared/result';

/**
 * What a densitometry thread can be asked to do; plain data. The HU volume travels as an
 * Int16Array over a SharedArrayBuffer (the DICOM loader's), so no thread copies it; so does the
 * label volume of the split-up pipeline (densitometryThreads.ts):
 * - `body-air-runs`: step 1 of the lung mask for slices [z0, z1);
 * - `lung-runs`: steps 2 to 4 (components, airways, right and left), written into `labels`;
 * - `lung-slices`: steps 5 and 6 for slices [z0, z1) of `labels`, with the zone histograms;
 * - `overlay`: the packed overlay volume, deflated;
 * - `densitometry`: all of it in one thread.
 */
export type DensitometryTask =
  | { kind: 'body-air-runs'; hu: Int16Array; nx: number; ny: number; z0: number; z1: number; padding: PaddingRule }
  | { kind: 'lung-runs'; input: DensitometryInput; bodyAirRuns?: BodyAirRuns; labels: Uint8Array }
  | { kind: 'lung-slices'; input: DensitometryInput; stage: LungRunsStage; labels: Uint8Array; z0: number; z1: number; levelBySlice: [Int8Array, Int8Array] }
  | { kind: 'overlay'; hu: Int16Array; labels: Uint8Array }
  | { kind: 'densitometry'; input: DensitometryInput; bodyAirRuns?: BodyAirRuns; overlay?: boolean };

export type DensitometryOutcome =
  | { kind: 'body-air-runs'; runs: BodyAirRuns }
  | { kind: 'lung-runs'; result: Result<LungRunsStage, Problem<LungMaskProblemCode>> }
  | { kind: 'lung-slices'; voxels: [number, number]; zoneCounts: Int32Array[] }
  | { kind: 'overlay'; overlayDeflated: Uint8Array }
  | {
      kind: 'densitometry';
      result: Result<DensitometryResult, Problem<LungMaskProblemCode>>;
      /** With `overlay`: the packed overlay volume (densitometryOverlay.ts), zlib-deflated. */
      overlayDeflated?: Uint8Array;
    }
  | { kind: 'failed'; message: string };

export function runDensitometryTask(task: DensitometryTask): DensitometryOutcome {
  switch (task.kind) {
    case 'body-air-runs':
      return { kind: 'body-air-runs', runs: bodyAirRuns(task.hu, task.nx, task.ny, task.z0, task.z1, task.padding, LUNG_AIR_BELOW_HU, PLEURAL_BONE_HU) };
    case 'lung-runs':
      return { kind: 'lung-runs', result: segmentLungRuns(task.input, { labels: task.labels, ...(task.bodyAirRuns ? { bodyAirRuns: task.bodyAirRuns } : {}) }) };
    case 'lung-slices': {
      const zones = emptyZoneHistograms(task.levelBySlice);
      const voxels = finishLungSlices(task.input, task.stage, task.labels, task.z0, task.z1, zones);
      return { kind: 'lung-slices', voxels, zoneCounts: zones.counts };
    }
    case 'overlay':
      return { kind: 'overlay', overlayDeflated: deflateOverlay(task.hu, task.labels) };
    case 'densitometry': {
      const result = computeDensitometry(task.input, task.bodyAirRuns ? { bodyAirRuns: task.bodyAirRuns } : {});
      if (!task.overlay || !result.ok) return { kind: 'densitometry', result };
      return { kind: 'densitometry', result, overlayDeflated: deflateOverlay(task.input.hu, result.value.mask.labels) };
    }
    default:
      return assertNever(task, 'densitometry task');
  }
}

function deflateOverlay(hu: Int16Array, labels: Uint8Array): Uint8Array {
  // Deflate level 1: the overlay is mostly zeros, and speed matters more than the last megabyte.
  return new Uint8Array(deflateSync(packOverlay(hu, labels), { level: 1 }));
}

/** Buffers an outcome can hand over instead of copying (the mask is 1 byte per voxel). */
export function transferablesOf(outcome: DensitometryOutcome): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const add = (b: ArrayBufferLike): void => {
    if (b instanceof ArrayBuffer && !out.includes(b)) out.push(b);
  };
  if (outcome.kind === 'body-air-runs') {
    add(outcome.runs.rowStart.buffer);
    add(outcome.runs.starts.buffer);
    add(outcome.runs.ends.buffer);
    add(outcome.runs.bone.rowStart.buffer);
    add(outcome.runs.bone.starts.buffer);
    add(outcome.runs.bone.ends.buffer);
  } else if (outcome.kind === 'lung-runs' && outcome.result.ok) {
    const { runs, bone } = outcome.result.value;
    const { airways, bodyCentreX } = outcome.result.value;
    for (const a of [runs.rowStart, runs.starts, runs.ends, runs.label, airways.rowStart, airways.starts, airways.ends, bone.rowStart, bone.starts, bone.ends, bodyCentreX]) add(a.buffer);
  } else if (outcome.kind === 'lung-slices') {
    for (const counts of outcome.zoneCounts) add(counts.buffer);
  } else if (outcome.kind === 'overlay') {
    add(outcome.overlayDeflated.buffer);
  } else if (outcome.kind === 'densitometry' && outcome.result.ok) {
    add(outcome.result.value.mask.labels.buffer);
    if (outcome.overlayDeflated) add(outcome.overlayDeflated.buffer);
  }
  return out;
}
