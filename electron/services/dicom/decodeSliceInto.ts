import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Problem } from '../../../shared/result';
import type { DicomFile } from '../../../shared/dicom/dicomFile';
import type { PixelFormat } from '../../../shared/dicom/instanceHeader';
import { type DecodedPixels, type ImageCodecs, decodeFrame } from '../../../shared/dicom/pixelData';
import { writeSliceHu } from '../../../shared/dicom/rescale';
import { readDicomFile } from './readDicom';
import { type SimdRescaler, createSimdRescaler } from './rescaleSimd';

/** One slice to decode into a shared HU buffer: plain data, so it can cross to a worker thread. */
export interface DecodeJob {
  path: string;
  frameIndex: number;
  numberOfFrames: number;
  format: PixelFormat;
  RescaleSlope: number;
  RescaleIntercept: number;
  /** From the index (InstanceHeader.nativePixelDataOffset): the pixels can be read without parsing. */
  nativePixelDataOffset?: number;
  /** Target: Int16 HU written at `voxelOffset` (in voxels) of this buffer. */
  buffer: SharedArrayBuffer | ArrayBuffer;
  voxelOffset: number;
}

export type DecodeOutcome = { ok: true; clamped: number } | { ok: false; problem: Problem };

/**
 * The last file parsed, kept for the next job: frames of one multi-frame file are queued together,
 * so each thread parses such a file once rather than once per frame.
 */
let lastFile: { path: string; file: DicomFile } | undefined;

/**
 * Uncompressed little-endian 16-bit greyscale whose stored values need no sign extension: the
 * bytes of the file are already the typed array decodeFrame would return (pixelData.ts), so they
 * can be read straight into their place in the volume and rescaled there.
 */
function readsInPlace(job: DecodeJob): boolean {
  const f = job.format;
  return (
    job.nativePixelDataOffset !== undefined &&
    f.BitsAllocated === 16 &&
    f.SamplesPerPixel === 1 &&
    !(f.PixelRepresentation === 1 && f.BitsStored < 16) &&
    (job.buffer.byteLength >= (job.voxelOffset + f.Rows * f.Columns) * 2)
  );
}

/** This thread's SIMD rescaler; null once it turned out WebAssembly SIMD is unavailable. */
let simd: SimdRescaler | null | undefined;

function simdRescaler(): SimdRescaler | undefined {
  if (simd === undefined) simd = createSimdRescaler() ?? null;
  return simd ?? undefined;
}

function readFully(fd: number, target: Uint8Array, position: number): boolean {
  let read = 0;
  while (read < target.length) {
    const n = readSync(fd, target, read, target.length - read, position + read);
    if (n === 0) return false;
    read += n;
  }
  return true;
}

/**
 * The fast path of volume loading (most CT): no parse, one positioned read from the page cache,
 * the modality LUT with SIMD in WASM memory (which stays in the core's cache, slice after slice),
 * one copy into the volume. Without SIMD, or for a non-integer rescale, the pixels are read
 * straight into the volume and rescaled there by writeSliceHu. Returns undefined when the file is
 * not as indexed (changed on disk), so the caller parses it and names the problem.
 */
function readNativeInPlace(job: DecodeJob): DecodeOutcome | undefined {
  const count = job.format.Rows * job.format.Columns;
  const frameBytes = count * 2;
  const start = job.nativePixelDataOffset! + job.frameIndex * frameBytes;
  const out = new Int16Array(job.buffer, job.voxelOffset * 2, count);
  const signedStored = job.format.PixelRepresentation === 1;
  const rescaler = job.RescaleSlope === 1 && Number.isInteger(job.RescaleIntercept) && job.RescaleIntercept >= -32768 && job.RescaleIntercept <= 32767 ? simdRescaler() : undefined;
  const target = rescaler ? rescaler.scratch(frameBytes) : new Uint8Array(job.buffer, job.voxelOffset * 2, frameBytes);
  let fd: number;
  try {
    fd = openSync(job.path, 'r');
  } catch (e) {
    return { ok: false, problem: { code: 'unreadable', message: `${job.path}: cannot be read (${e instanceof Error ? e.message : String(e)})`, file: job.path } };
  }
  try {
    if (fstatSync(fd).size < start + frameBytes || !readFully(fd, target, start)) return undefined;
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
  if (rescaler) {
    const clamped = rescaler.addIntercept(count, job.RescaleIntercept, signedStored);
    out.set(new Int16Array(target.buffer, target.byteOffset, count));
    return { ok: true, clamped };
  }
  const stored: DecodedPixels = signedStored ? out : new Uint16Array(job.buffer, job.voxelOffset * 2, count);
  // In place is safe: writeSliceHu reads each value before writing the same index.
  return { ok: true, clamped: writeSliceHu(stored, count, job.RescaleSlope, job.RescaleIntercept, out, 0) };
}

/** Reads, decodes and rescales one slice into its place. Shared by workers and the in-thread path. */
export async function decodeSliceInto(job: DecodeJob, codecs: ImageCodecs): Promise<DecodeOutcome> {
  if (readsInPlace(job)) {
    const fast = readNativeInPlace(job);
    if (fast) return fast;
  }
  let file: DicomFile;
  if (lastFile?.path === job.path) {
    file = lastFile.file;
  } else {
    lastFile = undefined;
    // A multi-frame file is kept for its next frames, so it cannot share the reused read buffer.
    const read = readDicomFile(job.path, { reuseBuffer: job.numberOfFrames === 1 });
    if (!read.ok) return { ok: false, problem: read.error };
    file = read.value;
    if (job.numberOfFrames > 1) lastFile = { path: job.path, file };
  }
  let decoded: Awaited<ReturnType<typeof decodeFrame>>;
  try {
    decoded = await decodeFrame(file, job.format, job.frameIndex, job.numberOfFrames, codecs);
  } catch (e) {
    return { ok: false, problem: { code: 'decode-failed', message: `${job.path}: ${e instanceof Error ? e.message : String(e)}`, file: job.path } };
  }
  if (!decoded.ok) return { ok: false, problem: decoded.error };
  const count = job.format.Rows * job.format.Columns;
  const out = new Int16Array(job.buffer, job.voxelOffset * 2, count);
  const clamped = writeSliceHu(decoded.value, count, job.RescaleSlope, job.RescaleIntercept, out, 0);
  return { ok: true, clamped };
}
