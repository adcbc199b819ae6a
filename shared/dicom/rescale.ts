import type { DecodedPixels } from './pixelData';

const INT16_MIN = -32768;
const INT16_MAX = 32767;

/**
 * Writes one slice of stored values into `out` as Hounsfield units (`src` may be that very slice of
 * `out`: the volume loader reads pixels into place and rescales them there): HU = stored x RescaleSlope +
 * RescaleIntercept (PS3.3 C.11.1.1.2, the modality LUT), rounded and clamped to int16. This is the
 * hot path of volume loading; the integer case (slope 1, integral intercept: nearly every CT) is a
 * plain add. Returns how many values had to be clamped.
 */
export function writeSliceHu(
  src: DecodedPixels,
  count: number,
  slope: number,
  intercept: number,
  out: Int16Array,
  offset: number,
): number {
  if (slope === 1 && Number.isInteger(intercept)) {
    if (src instanceof Int16Array && intercept >= INT16_MIN && intercept <= INT16_MAX) {
      if (intercept === 0) {
        out.set(src.subarray(0, count), offset);
        return 0;
      }
      if (addInt16Packed(src, count, intercept, out, offset)) return 0;
      // Rescaling in place (src is out): the wrapped sums overwrote the stored values. Addition
      // modulo 2^16 is undone by adding the opposite, which restores them for the clamping loop.
      if (src.buffer === out.buffer && src.byteOffset === out.byteOffset + offset * 2) addInt16Packed(src, count, -intercept, out, offset);
    }
    let clamped = 0;
    for (let i = 0; i < count; i++) {
      const v = src[i]! + intercept;
      if (v < INT16_MIN) {
        out[offset + i] = INT16_MIN;
        clamped++;
      } else if (v > INT16_MAX) {
        out[offset + i] = INT16_MAX;
        clamped++;
      } else {
        out[offset + i] = v;
      }
    }
    return clamped;
  }
  let clamped = 0;
  for (let i = 0; i < count; i++) {
    const v = Math.round(src[i]! * slope + intercept);
    if (v < INT16_MIN) {
      out[offset + i] = INT16_MIN;
      clamped++;
    } else if (v > INT16_MAX) {
      out[offset + i] = INT16_MAX;
      clamped++;
    } else {
      out[offset + i] = v;
    }
  }
  return clamped;
}

let alignedScratch = new Int16Array(0);

/**
 * Adds `intercept` to int16 values two at a time in 32-bit words (SIMD within a register): the low
 * 15 bits of each half are added without carrying into the other half, then the sign bits are
 * xor-ed in. About twice as fast as one value per step on this hot path. Returns false, having
 * written possibly wrapped values, if any sum overflowed int16 (or the target is not 4-byte
 * aligned); the caller then redoes the slice with clamping.
 */
function addInt16Packed(src: Int16Array, count: number, intercept: number, out: Int16Array, offset: number): boolean {
  const outByte = out.byteOffset + offset * 2;
  if (outByte % 4 !== 0 || count % 2 !== 0) return false;
  // PixelData starts wherever the header ends, often 2 bytes off a word: copy to aligned memory
  // first (a memcpy, far cheaper than giving up the packed add).
  let aligned = src;
  if (src.byteOffset % 4 !== 0) {
    if (alignedScratch.length < count) alignedScratch = new Int16Array(count);
    alignedScratch.set(src.subarray(0, count));
    aligned = alignedScratch;
  }
  const words = count >> 1;
  const s32 = new Uint32Array(aligned.buffer, aligned.byteOffset, words);
  const o32 = new Uint32Array(out.buffer, outByte, words);
  const both = ((intercept & 0xffff) * 0x10001) >>> 0;
  const low = both & 0x7fff7fff;
  const signs = both & 0x80008000;
  let overflow = 0;
  for (let i = 0; i < words; i++) {
    const x = s32[i]!;
    const r = ((x & 0x7fff7fff) + low) ^ ((x ^ signs) & 0x80008000);
    o32[i] = r;
    // Signed overflow in a half: both inputs had the same sign and the result's sign differs.
    overflow |= ~(x ^ both) & (x ^ r);
  }
  return (overflow & 0x80008000) === 0;
}
