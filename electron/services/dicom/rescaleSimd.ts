import { RESCALE_SIMD_WASM } from './rescaleSimdModule';

const WASM_PAGE_BYTES = 65536;

/**
 * The integer modality LUT (HU = stored + RescaleIntercept) eight values at a time with WASM SIMD
 * (rescaleSimd.wat). The slice is read from the file straight into the module's memory, rescaled
 * there and copied into the volume: on LIDC-IDRI-0002 this took the rescale from the largest cost of
 * a volume load (about 0.6 ms per 512x512 slice in JavaScript, two values per step) to ~0.05 ms.
 */
export interface SimdRescaler {
  /** Module memory for a slice of `bytes` bytes, at offset 0 (valid until the next call). */
  scratch(bytes: number): Uint8Array;
  /**
   * Rescales `count` stored values at the start of scratch in place to int16 HU, clamping like
   * writeSliceHu. `intercept` must be an int16 integer. Returns how many values were clamped.
   */
  addIntercept(count: number, intercept: number, signedStored: boolean): number;
}

type AddFunction = (ptr: number, count: number, intercept: number) => number;

/** One per thread; undefined where WebAssembly SIMD is not available (then JavaScript does it). */
export function createSimdRescaler(): SimdRescaler | undefined {
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(RESCALE_SIMD_WASM)) return undefined;
  const instance = new WebAssembly.Instance(new WebAssembly.Module(RESCALE_SIMD_WASM));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const addSigned = instance.exports.addSigned as AddFunction;
  const addUnsigned = instance.exports.addUnsigned as AddFunction;
  return {
    scratch(bytes) {
      const missing = bytes - memory.buffer.byteLength;
      if (missing > 0) memory.grow(Math.ceil(missing / WASM_PAGE_BYTES));
      return new Uint8Array(memory.buffer, 0, bytes);
    },
    addIntercept(count, intercept, signedStored) {
      const vectorised = count - (count % 8);
      let clamped = (signedStored ? addSigned : addUnsigned)(0, vectorised, intercept);
      // The last count % 8 values (never, for CT matrices) one at a time.
      const hu = new Int16Array(memory.buffer, 0, count);
      const stored = signedStored ? hu : new Uint16Array(memory.buffer, 0, count);
      for (let i = vectorised; i < count; i++) {
        const v = stored[i]! + intercept;
        hu[i] = Math.min(32767, Math.max(-32768, v));
        if (v < -32768 || v > 32767) clamped++;
      }
      return clamped;
    },
  };
}
