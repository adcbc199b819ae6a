import { BODY_SCAN_SIMD_WASM } from './bodyScanSimdModule';

const WASM_PAGE_BYTES = 65536;

/**
 * Bit masks of one slice (bodyScanSimd.wat): bit i of word i >> 5 is voxel i of the slice. Views into
 * the module's memory, valid until the next call.
 */
export interface SliceBitMasks {
  /** HU below the air threshold. */
  air: Int32Array;
  /** HU at or above the bone threshold. */
  bone: Int32Array;
  /** Padding (densitometryInput.ts's threshold rule). */
  pad: Int32Array;
}

export interface SliceThresholds {
  airBelowHu: number;
  boneHu: number;
  padBelowHu: number;
  padLow: number;
  padHigh: number;
}

/**
 * The body step's voxel scan (bodyAirRuns.ts) with WASM SIMD: 16 voxels per step into three bit
 * masks. On LIDC-IDRI-0002 (261 x 512 x 512) the scan in JavaScript, one voxel at a time with two
 * or three comparisons each, was ~300 ms of the lung mask's ~1 s of CPU.
 */
export interface BodyScanSimd {
  classify(hu: Int16Array, first: number, count: number, thresholds: SliceThresholds): SliceBitMasks;
}

/** Every threshold must be an int16 for the module's 16-bit lanes (CT's always are). */
export function thresholdsFitInt16(t: SliceThresholds): boolean {
  return [t.airBelowHu, t.boneHu, t.padBelowHu, t.padLow, t.padHigh].every((v) => Number.isInteger(v) && v >= -32768 && v <= 32767);
}

type ClassifyFunction = (src: number, n: number, airBelow: number, boneAt: number, padBelow: number, padLow: number, padHigh: number, air: number, bone: number, pad: number) => void;

let perThread: BodyScanSimd | null | undefined;

/** One per thread (created on first use); null where WebAssembly SIMD is not available. */
export function bodyScanSimd(): BodyScanSimd | null {
  if (perThread === undefined) perThread = createBodyScanSimd();
  return perThread;
}

function createBodyScanSimd(): BodyScanSimd | null {
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(BODY_SCAN_SIMD_WASM)) return null;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(BODY_SCAN_SIMD_WASM));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const classify = instance.exports.classify as ClassifyFunction;
  return {
    classify(hu, first, count, t) {
      // Whole 32-voxel words; the voxels after `count` are left-overs, never read as a slice's.
      const n = Math.ceil(count / 32) * 32;
      const maskBytes = n / 8;
      const bytes = 2 * n + 3 * maskBytes;
      const missing = bytes - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / WASM_PAGE_BYTES));
      new Int16Array(memory.buffer, 0, count).set(hu.subarray(first, first + count));
      const air = 2 * n;
      classify(0, n, t.airBelowHu, t.boneHu, t.padBelowHu, t.padLow, t.padHigh, air, air + maskBytes, air + 2 * maskBytes);
      const words = n / 32;
      return {
        air: new Int32Array(memory.buffer, air, words),
        bone: new Int32Array(memory.buffer, air + maskBytes, words),
        pad: new Int32Array(memory.buffer, air + 2 * maskBytes, words),
      };
    },
  };
}

/**
 * Appends the runs of set bits among bits [b0, b1) of `mask` to `starts` and `ends` (inclusive), as
 * positions from b0. Works a 32-bit word at a time: the bits where a word differs from itself
 * shifted by one are the run boundaries.
 */
export function pushRunsOfBits(mask: Int32Array, b0: number, b1: number, starts: { push(v: number): void }, ends: { push(v: number): void }): void {
  if (b1 <= b0) return;
  const wLast = (b1 - 1) >>> 5;
  let carry = 0;
  let runStart = -1;
  for (let wi = b0 >>> 5; wi <= wLast; wi++) {
    const base = wi << 5;
    const w = wordWithin(mask, wi, b0, b1);
    let t = w ^ ((w << 1) | carry);
    carry = w >>> 31;
    while (t !== 0) {
      const low = t & -t;
      const p = base + 31 - Math.clz32(low) - b0;
      if (runStart < 0) runStart = p;
      else {
        starts.push(runStart);
        ends.push(p - 1);
        runStart = -1;
      }
      t ^= low;
    }
  }
  if (runStart >= 0) {
    starts.push(runStart);
    ends.push(b1 - 1 - b0);
  }
}

/** Whether any of bits [b0, b1) of `mask` is set. */
export function anyBitSet(mask: Int32Array, b0: number, b1: number): boolean {
  if (b1 <= b0) return false;
  const wLast = (b1 - 1) >>> 5;
  for (let wi = b0 >>> 5; wi <= wLast; wi++) if (wordWithin(mask, wi, b0, b1) !== 0) return true;
  return false;
}

/** Word `wi` of `mask` with the bits outside [b0, b1) cleared. */
function wordWithin(mask: Int32Array, wi: number, b0: number, b1: number): number {
  const base = wi << 5;
  let w = mask[wi]!;
  if (base < b0) w &= -1 << (b0 - base);
  const over = base + 32 - b1;
  if (over > 0) w &= -1 >>> over;
  return w;
}
