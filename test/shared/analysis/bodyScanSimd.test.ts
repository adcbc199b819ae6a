import { describe, expect, it } from 'vitest';
import { bodyAirRuns } from '../../../shared/analysis/bodyAirRuns';
import { anyBitSet, bodyScanSimd, pushRunsOfBits } from '../../../shared/analysis/bodyScanSimd';
import { BODY_SCAN_SIMD_WASM } from '../../../shared/analysis/bodyScanSimdModule';
import { paddingRuleOf } from '../../../shared/analysis/densitometryInput';
import { generatePhantom } from '../../../shared/phantom/generatePhantom';
// @ts-expect-error plain ESM script without types
import { compileWat } from '../../../scripts/build-wasm.mjs';

/** A small deterministic generator (the tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function naiveRuns(bits: boolean[], b0: number, b1: number): [number, number][] {
  const runs: [number, number][] = [];
  for (let i = b0; i < b1; i++) {
    if (!bits[i]) continue;
    const s = i;
    while (i + 1 < b1 && bits[i + 1]) i++;
    runs.push([s - b0, i - b0]);
  }
  return runs;
}

describe('body scan with WASM SIMD (bodyScanSimd.wat)', () => {
  it('the committed module is what the .wat compiles to', async () => {
    expect(Array.from(BODY_SCAN_SIMD_WASM)).toEqual(await compileWat('shared/analysis/bodyScanSimd.wat'));
  });

  it('finds the runs of set bits of any bit range as a bit-by-bit walk does', () => {
    const random = lcg(7);
    for (let trial = 0; trial < 300; trial++) {
      const words = 1 + Math.floor(random() * 6);
      const density = random();
      const mask = new Int32Array(words);
      const bits: boolean[] = [];
      for (let i = 0; i < words * 32; i++) {
        // Long runs as well as scattered bits, across word boundaries.
        const set = trial % 3 === 0 ? random() < density : Math.floor(i / (1 + Math.floor(density * 40))) % 2 === 0;
        bits.push(set);
        if (set) mask[i >> 5]! |= 1 << (i & 31);
      }
      const b0 = Math.floor(random() * words * 32);
      const b1 = b0 + Math.floor(random() * (words * 32 - b0 + 1));
      const starts: number[] = [];
      const ends: number[] = [];
      pushRunsOfBits(mask, b0, b1, starts, ends);
      expect(starts.map((s, k) => [s, ends[k]!]), `trial ${trial} bits [${b0}, ${b1})`).toEqual(naiveRuns(bits, b0, b1));
      expect(anyBitSet(mask, b0, b1)).toBe(naiveRuns(bits, b0, b1).length > 0);
    }
  });

  it('classifies every int16 value as the thresholds say, with a count that is not a multiple of 32', () => {
    const simd = bodyScanSimd();
    if (!simd) throw new Error('no WebAssembly SIMD in this Node');
    const count = 70000 + 13;
    const hu = Int16Array.from({ length: count + 40 }, (_, i) => ((i * 7919) % 65536) - 32768);
    const t = { airBelowHu: -200, boneHu: 300, padBelowHu: -1500, padLow: -2000, padHigh: -1990 };
    const masks = simd.classify(hu, 40, count, t);
    const bit = (mask: Int32Array, i: number) => ((mask[i >> 5]! >>> (i & 31)) & 1) === 1;
    for (let i = 0; i < count; i++) {
      const v = hu[40 + i]!;
      if (bit(masks.air, i) !== v < -200 || bit(masks.bone, i) !== v >= 300 || bit(masks.pad, i) !== (v < -1500 || (v >= -2000 && v <= -1990))) {
        throw new Error(`voxel ${i} (HU ${v}) misclassified`);
      }
    }
  });

  it('grows its memory for a slice larger than the first pages hold (1024 x 1024), then still answers a small one', () => {
    const simd = bodyScanSimd();
    if (!simd) throw new Error('no WebAssembly SIMD in this Node');
    const t = { airBelowHu: -200, boneHu: 300, padBelowHu: -1500, padLow: 1, padHigh: 0 };
    const bit = (mask: Int32Array, i: number) => ((mask[i >> 5]! >>> (i & 31)) & 1) === 1;
    for (const count of [1024 * 1024, 512]) {
      const hu = Int16Array.from({ length: count }, (_, i) => ((i * 40503) % 4096) - 2048);
      const masks = simd.classify(hu, 0, count, t);
      let wrong = 0;
      for (let i = 0; i < count; i++) if (bit(masks.air, i) !== hu[i]! < -200 || bit(masks.bone, i) !== hu[i]! >= 300 || bit(masks.pad, i) !== hu[i]! < -1500) wrong++;
      expect(wrong, `${count} voxels`).toBe(0);
    }
  });

  it('gives bodyAirRuns the same runs as the voxel-by-voxel scan: phantom, odd matrix, padding by value', () => {
    const made = generatePhantom({ preset: 'uip', size: 'small' });
    if (!made.ok) throw new Error(made.error.message);
    const [nx, ny, nz] = made.value.geometry.dimensions;
    const full = made.value.hu;
    // A crop 203 voxels wide (rows start mid-word) with padding (-2000) filling two corners and a
    // patch inside the lung of every slice (an enclosed air run holding padding is outside).
    const cx = 203;
    const hu = new Int16Array(cx * ny * nz);
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        for (let x = 0; x < cx; x++) {
          const corner = x + y < 25 || cx - 1 - x + (ny - 1 - y) < 25;
          hu[(z * ny + y) * cx + x] = corner ? -2000 : full[(z * ny + y) * nx + x + 3]!;
        }
      }
      const row = (z * ny + (ny >> 1)) * cx;
      let x = cx >> 3;
      while (x < cx - 8 && hu[row + x]! >= -600) x++;
      if (x < cx - 8) for (let dy = 0; dy < 3; dy++) hu.fill(-2000, row + dy * cx + x + 2, row + dy * cx + x + 5);
    }
    for (const input of [
      { hu, dimensions: [cx, ny, nz] as [number, number, number], spacingMm: [1, 1, 1] as [number, number, number], padding: { belowHu: -1500 } },
      { hu, dimensions: [cx, ny, nz] as [number, number, number], spacingMm: [1, 1, 1] as [number, number, number], padding: { belowHu: -3000, paddingHu: [-2000, -2000] as [number, number] } },
      { hu: full, dimensions: [nx, ny, nz] as [number, number, number], spacingMm: [1, 1, 1] as [number, number, number], padding: { belowHu: -1500 } },
    ]) {
      const [w, h, d] = input.dimensions;
      const padding = paddingRuleOf(input);
      const scalar = bodyAirRuns(input.hu, w, h, 0, d, padding, -200, 300, { simd: false });
      const simd = bodyAirRuns(input.hu, w, h, 0, d, padding, -200, 300);
      expect(simd.count).toBeGreaterThan(100);
      expect(simd).toEqual(scalar);
    }
  });
});
