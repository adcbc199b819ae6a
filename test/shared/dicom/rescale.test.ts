import { describe, expect, it } from 'vitest';
import { writeSliceHu } from '../../../shared/dicom/rescale';

/** Reference: the modality LUT written out longhand (PS3.3 C.11.1.1.2), rounded and clamped. */
function reference(src: ArrayLike<number>, slope: number, intercept: number): number[] {
  return Array.from(src, (v) => Math.min(32767, Math.max(-32768, Math.round(v * slope + intercept))) + 0);
}

function run(src: Int16Array | Uint16Array, slope: number, intercept: number, offset = 0): { out: number[]; clamped: number } {
  const out = new Int16Array(src.length + offset + 2);
  const clamped = writeSliceHu(src, src.length, slope, intercept, out, offset);
  return { out: Array.from(out.subarray(offset, offset + src.length)), clamped };
}

const ramp = Int16Array.from({ length: 4096 }, (_, i) => (i * 37) % 6000 - 3000);

describe('writeSliceHu', () => {
  it('adds an integral intercept exactly (packed two-at-a-time path)', () => {
    expect(run(ramp, 1, -1024)).toEqual({ out: reference(ramp, 1, -1024), clamped: 0 });
    expect(run(ramp, 1, 1000)).toEqual({ out: reference(ramp, 1, 1000), clamped: 0 });
  });

  it('handles sources that start 2 bytes off a word (PixelData after an odd-word header)', () => {
    const backing = new Int16Array(ramp.length + 1);
    backing.set(ramp, 1);
    const shifted = backing.subarray(1);
    expect(shifted.byteOffset % 4).toBe(2);
    expect(run(shifted, 1, -1024)).toEqual({ out: reference(ramp, 1, -1024), clamped: 0 });
  });

  it('handles misaligned targets and odd counts (one-at-a-time path)', () => {
    expect(run(ramp, 1, -1024, 1).out).toEqual(reference(ramp, 1, -1024));
    const odd = ramp.subarray(0, 4095);
    expect(run(odd, 1, -1024).out).toEqual(reference(odd, 1, -1024));
  });

  it('clamps and counts values pushed outside int16', () => {
    const edge = Int16Array.from([-32768, -32000, 0, 32767, -1, 5]);
    expect(run(edge, 1, -1024)).toEqual({ out: reference(edge, 1, -1024), clamped: 2 });
    expect(run(edge, 1, 1024)).toEqual({ out: reference(edge, 1, 1024), clamped: 1 });
  });

  it('unsigned stored values and non-unit slopes', () => {
    const u = Uint16Array.from([0, 1024, 4095, 65535]);
    expect(run(u, 1, -1024)).toEqual({ out: reference(u, 1, -1024), clamped: 1 });
    expect(run(ramp, 0.5, -1024.25).out).toEqual(reference(ramp, 0.5, -1024.25));
  });

  it('rescales in place, also when the packed add overflows and has to be redone with clamping', () => {
    for (const [values, intercept] of [
      [ramp, -1024],
      [Int16Array.from([-32768, -32000, 0, 32767, -1, 5]), -1024],
      [Int16Array.from([-32768, -32000, 0, 32767, -1, 5]), 1024],
    ] as const) {
      const inPlace = Int16Array.from(values);
      const clamped = writeSliceHu(inPlace, inPlace.length, 1, intercept, inPlace, 0);
      expect({ out: Array.from(inPlace), clamped }).toEqual(run(values, 1, intercept));
    }
    const unsignedInPlace = new Int16Array(4);
    const stored = new Uint16Array(unsignedInPlace.buffer);
    stored.set([0, 1024, 4095, 65535]);
    const clamped = writeSliceHu(stored, 4, 1, -1024, unsignedInPlace, 0);
    expect({ out: Array.from(unsignedInPlace), clamped }).toEqual({ out: reference([0, 1024, 4095, 65535], 1, -1024), clamped: 1 });
  });
});
