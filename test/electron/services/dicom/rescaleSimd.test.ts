import { describe, expect, it } from 'vitest';
import { createSimdRescaler } from '../../../../electron/services/dicom/rescaleSimd';
import { RESCALE_SIMD_WASM } from '../../../../electron/services/dicom/rescaleSimdModule';
import { writeSliceHu } from '../../../../shared/dicom/rescale';
// @ts-expect-error plain ESM script without types
import { compileWat } from '../../../../scripts/build-wasm.mjs';

/** Reference: writeSliceHu, itself checked against the modality LUT written longhand (rescale.test.ts). */
function reference(stored: Int16Array | Uint16Array, intercept: number): { hu: number[]; clamped: number } {
  const out = new Int16Array(stored.length);
  const clamped = writeSliceHu(stored, stored.length, 1, intercept, out, 0);
  return { hu: Array.from(out), clamped };
}

function simd(stored: Int16Array | Uint16Array, intercept: number): { hu: number[]; clamped: number } {
  const rescaler = createSimdRescaler();
  if (!rescaler) throw new Error('no WebAssembly SIMD in this Node');
  const bytes = new Uint8Array(stored.buffer, stored.byteOffset, stored.byteLength);
  rescaler.scratch(bytes.length).set(bytes);
  const clamped = rescaler.addIntercept(stored.length, intercept, stored instanceof Int16Array);
  return { hu: Array.from(new Int16Array(rescaler.scratch(bytes.length).buffer, 0, stored.length)), clamped };
}

describe('SIMD rescale (rescaleSimd.wat)', () => {
  it('the committed module is what the .wat compiles to', async () => {
    expect(Array.from(RESCALE_SIMD_WASM)).toEqual(await compileWat('electron/services/dicom/rescaleSimd.wat'));
  });

  it('equals writeSliceHu for signed stored values, clamping and counting at both ends, with an odd tail', () => {
    const values = Int16Array.from({ length: 1003 }, (_, i) => ((i * 7919) % 65536) - 32768);
    for (const intercept of [-1024, 0, 1024, -32768, 32767]) expect(simd(values, intercept)).toEqual(reference(values, intercept));
  });

  it('equals writeSliceHu for unsigned stored values (PixelRepresentation 0)', () => {
    const values = Uint16Array.from({ length: 517 }, (_, i) => (i * 7919) % 65536);
    for (const intercept of [-1024, 0, 1024, -32768]) expect(simd(values, intercept)).toEqual(reference(values, intercept));
  });

  it('grows its memory for a slice larger than the initial pages (1024 x 1024)', () => {
    const values = Int16Array.from({ length: 1024 * 1024 }, (_, i) => (i % 4096) - 2000);
    const ours = simd(values, -1024);
    const theirs = reference(values, -1024);
    expect(ours.clamped).toBe(theirs.clamped);
    expect(Buffer.from(Int16Array.from(ours.hu).buffer).equals(Buffer.from(Int16Array.from(theirs.hu).buffer))).toBe(true);
  });
});
