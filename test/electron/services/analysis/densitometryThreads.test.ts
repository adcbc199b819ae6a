import { describe, expect, it } from 'vitest';
import { runThreaded, type DensitometryThreads } from '../../../../electron/services/analysis/densitometryThreads';
import { runDensitometryTask, type DensitometryTask } from '../../../../electron/services/analysis/densitometryTask';
import { computeDensitometry } from '../../../../shared/analysis/densitometry';
import type { DensitometryInput } from '../../../../shared/analysis/densitometryInput';
import { generatePhantom } from '../../../../shared/phantom/generatePhantom';

/** Threads that run each task here, on a structured clone of it (what postMessage hands a worker). */
function cloningThreads(size: number): DensitometryThreads & { kinds: string[] } {
  const kinds: string[] = [];
  return {
    size,
    kinds,
    run(task: DensitometryTask) {
      kinds.push(task.kind);
      return Promise.resolve(structuredClone(runDensitometryTask(structuredClone(task))));
    },
    close: () => Promise.resolve(),
  };
}

describe('densitometry over threads', () => {
  it('gives the same mask and measures slab by slab as in one piece', async () => {
    const made = generatePhantom({ preset: 'uip', size: 'small' });
    if (!made.ok) throw new Error(made.error.message);
    const p = made.value;
    // The DICOM loader's volumes live in a SharedArrayBuffer; that is what lets the steps split up.
    const hu = new Int16Array(new SharedArrayBuffer(p.hu.byteLength));
    hu.set(p.hu);
    const input: DensitometryInput = { hu, dimensions: p.geometry.dimensions, spacingMm: p.geometry.spacingMm, padding: { belowHu: -1500 }, direction: p.geometry.direction };
    const whole = computeDensitometry(input);
    if (!whole.ok) throw new Error(whole.error.message);
    for (const inThread of [false, true]) {
      const threads = cloningThreads(2);
      const split = await runThreaded(input, threads, { inThread, overlay: true });
      if (!split.result.ok) throw new Error(split.result.error.message);
      expect(threads.kinds).toContain('lung-slices');
      const r = split.result.value;
      expect(Buffer.from(r.mask.labels).equals(Buffer.from(whole.value.mask.labels))).toBe(true);
      expect(new Set(r.mask.labels)).toEqual(new Set([0, 1, 2]));
      expect([r.mask.rightVoxels, r.mask.leftVoxels, r.mask.airwaySlices]).toEqual([whole.value.mask.rightVoxels, whole.value.mask.leftVoxels, whole.value.mask.airwaySlices]);
      expect({ whole: r.whole, right: r.right, left: r.left, zones: r.zones, histograms: r.histograms }).toEqual({
        whole: whole.value.whole,
        right: whole.value.right,
        left: whole.value.left,
        zones: whole.value.zones,
        histograms: whole.value.histograms,
      });
      expect(split.overlayDeflated?.length).toBeGreaterThan(100);
    }
  });
});
