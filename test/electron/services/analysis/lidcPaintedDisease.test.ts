import { beforeAll, describe, expect, it } from 'vitest';
import { loadCtVolume } from '../../../../electron/services/analysis/loadCtVolume';
import { computeDensitometry, type DensitometryResult } from '../../../../shared/analysis/densitometry';
import { orientationOf, type DensitometryInput } from '../../../../shared/analysis/densitometryInput';
import { segmentLungs } from '../../../../shared/analysis/lungMask';
import type { Volume } from '../../../../shared/dicom/volume';
import { LIDC } from '../dicom/dataPaths';
import { paintBasalDorsalDisease, type PaintedDisease } from '../../../shared/analysis/paintLungDisease';

/**
 * The lung mask on real anatomy with disease of known extent: synthetic fibrosis painted into the
 * dorsal bases of LIDC-IDRI-0002 (paintLungDisease.ts), against the real ribs, diaphragm, liver and
 * spine. The truth is the mask of the unpainted scan (whose measures cli/densitometry.test.ts checks
 * against pydicom + numpy, and whose outline the screenshots show following the lungs); the truth's
 * HAA is counted on the painted HU inside it.
 */
describe('lung mask with disease painted onto the real lungs of LIDC-IDRI-0002', () => {
  let volume: Volume;
  let truth: Uint8Array;
  const inputOf = (hu: Int16Array): DensitometryInput => ({
    hu,
    dimensions: volume.geometry.dimensions,
    spacingMm: volume.geometry.spacing,
    padding: volume.padding,
    direction: volume.geometry.direction,
  });
  const paint = (pattern: 'honeycombing' | 'consolidation'): PaintedDisease =>
    paintBasalDorsalDisease(volume.voxels, truth, volume.geometry.dimensions, volume.geometry.spacing, orientationOf(inputOf(volume.voxels)).slicesAscendCranially, {
      pattern,
      bandMm: 10,
      groundGlassMm: 20,
    });

  beforeAll(async () => {
    const loaded = await loadCtVolume(LIDC);
    if (!loaded.ok) throw new Error(loaded.error.message);
    volume = loaded.value;
    const healthy = segmentLungs(inputOf(volume.voxels));
    if (!healthy.ok) throw new Error(healthy.error.message);
    truth = healthy.value.labels;
  }, 60_000);

  /** Share of the painted voxels of `kind` that the mask keeps, and the whole-lung volume ratio to the truth. */
  function kept(mask: Uint8Array, painted: Uint8Array, kind: number): number {
    let all = 0;
    let inside = 0;
    for (let i = 0; i < painted.length; i++) {
      if (painted[i] !== kind) continue;
      all++;
      if (mask[i] !== 0) inside++;
    }
    return inside / all;
  }

  /** Lung volumes within 3 % of the truth and HAA within 1 point of the truth's, on the painted scan. */
  function expectVolumesAndHaa(disease: PaintedDisease, r: DensitometryResult): void {
    const truthCount = [0, 0, 0];
    let truthHaa = 0;
    for (let i = 0; i < truth.length; i++) {
      const l = truth[i]!;
      if (l === 0) continue;
      truthCount[0]!++;
      truthCount[l]!++;
      const v = disease.hu[i]!;
      if (v >= -600 && v <= -250) truthHaa++;
    }
    const [sx, sy, sz] = volume.geometry.spacing;
    const voxelMl = (sx * sy * sz) / 1000;
    const regions = [
      ['whole', r.whole.volumeMl, truthCount[0]! * voxelMl],
      ['right', r.right.volumeMl, truthCount[1]! * voxelMl],
      ['left', r.left.volumeMl, truthCount[2]! * voxelMl],
    ] as const;
    for (const [name, ours, expected] of regions) expect(Math.abs(ours / expected - 1), `${name} ${ours} vs ${expected} mL`).toBeLessThanOrEqual(0.03);
    expect(Math.abs(r.whole.haaPercent - (100 * truthHaa) / truthCount[0]!)).toBeLessThanOrEqual(1);
  }

  /** Voxels the mask holds outside the truth, as a share of the truth's lung voxels. */
  function outsideTruth(mask: Uint8Array): number {
    let outside = 0;
    let lung = 0;
    for (let i = 0; i < truth.length; i++) {
      if (truth[i] !== 0) lung++;
      else if (mask[i] !== 0) outside++;
    }
    return outside / lung;
  }

  it('subpleural honeycombing: the walled-off cysts join the lung, the volume stays within 3 % and HAA within 1 point', () => {
    const disease = paint('honeycombing');
    const result = computeDensitometry(inputOf(disease.hu));
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    expectVolumesAndHaa(disease, r);
    // Measured: 78 % of the band kept (cysts and the walls between them); what is lost is mostly
    // the outermost wall against the chest wall. The ground glass inside it is all kept.
    expect(kept(r.mask.labels, disease.painted, 1)).toBeGreaterThan(0.7);
    expect(kept(r.mask.labels, disease.painted, 2)).toBe(1);
    // Without the cyst step (lungCysts.ts) less than half of the band stays (measured 43 %).
    const withoutCysts = segmentLungs(inputOf(disease.hu), { joinCysts: false });
    if (!withoutCysts.ok) throw new Error(withoutCysts.error.message);
    expect(kept(withoutCysts.value.labels, disease.painted, 1)).toBeLessThan(0.5);
  }, 60_000);

  it('a solid band of consolidation along the whole dorsal arc: over half of it kept, nothing added beyond the pleura', () => {
    const disease = paint('consolidation');
    const result = computeDensitometry(inputOf(disease.hu));
    if (!result.ok) throw new Error(result.error.message);
    const r = result.value;
    expectVolumesAndHaa(disease, r);
    // Measured: 54 % kept (whole lung -2.3 %). Lost: the strip against the vertebrae (rays to the
    // spine are left out: the aorta lies there), the side against the diaphragm, and the thinnest
    // basal slices. Added outside the truth: 0.07 % of the lung, 1 to 3 pixels of pleura.
    expect(kept(r.mask.labels, disease.painted, 1)).toBeGreaterThan(0.5);
    expect(kept(r.mask.labels, disease.painted, 2)).toBe(1);
    expect(outsideTruth(r.mask.labels)).toBeLessThan(0.003);
  }, 60_000);

  it('the cyst step adds nothing to the unpainted scan: no fat speck, oesophagus or bowel gas joins the lung', () => {
    const without = segmentLungs(inputOf(volume.voxels), { joinCysts: false });
    if (!without.ok) throw new Error(without.error.message);
    let differ = 0;
    for (let i = 0; i < truth.length; i++) if (truth[i] !== without.value.labels[i]) differ++;
    expect(differ).toBe(0);
  }, 60_000);
});
