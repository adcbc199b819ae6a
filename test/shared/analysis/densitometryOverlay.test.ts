import { describe, expect, it } from 'vitest';
import { bandOfOverlay, lungOfOverlay, overlayPlane, packOverlay } from '../../../shared/analysis/densitometryOverlay';
import { BAND_LIMITS_HU } from '../../../shared/analysis/densityThresholds';

/** Reference band codes written longhand from the limits (upper inclusive, lower exclusive; -1050 inclusive). */
function densityBandLabels(hu: Int16Array, lungLabels: Uint8Array): number[] {
  const [e0, e1] = BAND_LIMITS_HU.emphysema;
  return Array.from(hu, (v, i) => {
    if (lungLabels[i] === 0) return 0;
    if (v < e0) return 5;
    if (v <= e1) return 1;
    if (v <= BAND_LIMITS_HU.inflated[1]) return 2;
    if (v <= BAND_LIMITS_HU.infiltrated[1]) return 3;
    if (v <= BAND_LIMITS_HU.collapsed[1]) return 4;
    return 5;
  });
}

describe('densitometry overlay', () => {
  it('packs lung and band per voxel and cuts axial, coronal and sagittal planes', () => {
    // 3 x 2 x 2 volume, x fastest.
    const hu = Int16Array.from([-1000, -900, -500, -100, 100, -1100, -960, -800, -600, -300, 50, 0]);
    const lungs = Uint8Array.from([1, 1, 2, 2, 0, 1, 1, 2, 2, 1, 1, 0]);
    const packed = packOverlay(hu, lungs);
    expect(Array.from(packed, lungOfOverlay)).toEqual(Array.from(lungs));
    // -1000 emphysema, -900 inflated, -500 infiltrated, -100 collapsed, 100 outside (0), -1100 no band.
    expect(Array.from(packed.slice(0, 6), bandOfOverlay)).toEqual([1, 2, 3, 4, 0, 5]);
    expect(Array.from(overlayPlane(packed, [3, 2, 2], 'axial', 1)!)).toEqual(Array.from(packed.slice(6, 12)));
    expect(Array.from(overlayPlane(packed, [3, 2, 2], 'coronal', 1)!)).toEqual([...packed.slice(3, 6), ...packed.slice(9, 12)]);
    expect(Array.from(overlayPlane(packed, [3, 2, 2], 'sagittal', 2)!)).toEqual([packed[2], packed[5], packed[8], packed[11]]);
    expect(overlayPlane(packed, [3, 2, 2], 'axial', 2)).toBeNull();
  });

  it('packs as the band labels say, with lung in runs and alone, any length and any label offset', () => {
    let seed = 3;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    for (const [n, offset] of [[10_001, 0], [4096, 1], [777, 3]] as const) {
      const hu = Int16Array.from({ length: n }, () => Math.round(-1200 + random() * 1400));
      // Lung in runs of a few voxels with gaps, so four-voxel words are all zero, all lung, or mixed.
      const backing = new Uint8Array(n + offset);
      for (let i = 0; i < n; ) {
        const run = 1 + Math.floor(random() * 9);
        const label = random() < 0.5 ? 0 : random() < 0.5 ? 1 : 2;
        backing.fill(label, offset + i, offset + Math.min(n, i + run));
        i += run;
      }
      const lungs = backing.subarray(offset);
      const bands = densityBandLabels(hu, lungs);
      const expected = Array.from(lungs, (l, i) => (l === 0 ? 0 : l | (bands[i]! << 2)));
      expect(Array.from(packOverlay(hu, lungs)), `n ${n} offset ${offset}`).toEqual(expected);
    }
  });
});
