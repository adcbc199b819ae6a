/**
 * The part of the WebAssembly JS API (https://webassembly.github.io/spec/js-api/) that
 * the SIMD modules use (electron/services/dicom/rescaleSimd.ts, shared/analysis/bodyScanSimd.ts).
 * Node and browsers have it globally, but neither lib ES2022 nor @types/node 20 declares it.
 */
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: Uint8Array): boolean;
}
