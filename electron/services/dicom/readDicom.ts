import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { type Problem, type Result, err, ok } from '../../../shared/result';
import { type DicomFile, type ParseProblemCode, parseDicomFile } from '../../../shared/dicom/dicomFile';
import { type InstanceHeader, instanceHeaderOf } from '../../../shared/dicom/instanceHeader';
import { tagOf } from '../../../shared/dicom/keywords';

/** Bytes read for a header: enough for nearly every classic CT header, re-read in full otherwise. */
const HEADER_PREFIX_BYTES = 16 * 1024;

export type ReadProblemCode = ParseProblemCode | 'unreadable';

/** Deflated Explicit VR Little Endian (PS3.5 A.5) is raw DEFLATE: zlib's inflateRaw. */
export function inflateRaw(deflated: Uint8Array): Uint8Array {
  const b = inflateRawSync(deflated);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * One read buffer per thread, grown as needed. Reading into fresh memory costs a page fault per 4 KiB
 * (on LIDC-IDRI-0002 that made reading slower than decoding); reusing it makes reads memcpy-fast.
 */
let scratch = Buffer.alloc(0);

function readInto(path: string, reuse: boolean): { bytes: Uint8Array; size: number; mtimeMs: number } {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const size = st.size;
    let target: Buffer;
    if (reuse) {
      if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
      target = scratch;
    } else {
      target = Buffer.allocUnsafe(size);
    }
    let read = 0;
    while (read < size) {
      const n = readSync(fd, target, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: new Uint8Array(target.buffer, target.byteOffset, read), size, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

export interface FileRead {
  file: DicomFile;
  size: number;
  mtimeMs: number;
}

/**
 * Reads and parses a whole file (pixels included). Never throws. With `reuseBuffer` the bytes live
 * in a per-thread buffer that the next such read overwrites: only for callers that are done with
 * the DicomFile before reading another (the decode path).
 */
export function readDicomFileWithStat(path: string, options: { reuseBuffer?: boolean } = {}): Result<FileRead, Problem<ReadProblemCode>> {
  let read: ReturnType<typeof readInto>;
  try {
    read = readInto(path, options.reuseBuffer === true);
  } catch (e) {
    return err({ code: 'unreadable', message: `${path}: cannot be read (${messageOf(e)})`, file: path });
  }
  const parsed = parseDicomFile(read.bytes, path, { inflateRaw });
  return parsed.ok ? ok({ file: parsed.value, size: read.size, mtimeMs: read.mtimeMs }) : parsed;
}

/** readDicomFileWithStat without the file's size and time. */
export function readDicomFile(path: string, options: { reuseBuffer?: boolean } = {}): Result<DicomFile, Problem<ReadProblemCode>> {
  const r = readDicomFileWithStat(path, options);
  return r.ok ? ok(r.value.file) : r;
}

/** Header prefixes are read into one reused buffer: only the extracted InstanceHeader outlives it. */
const prefixBuffer = Buffer.allocUnsafe(HEADER_PREFIX_BYTES);

/** The first HEADER_PREFIX_BYTES of a file (or all of a shorter one), with its size and time. */
function readPrefix(path: string): { prefix: Uint8Array; size: number; mtimeMs: number } {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const n = readSync(fd, prefixBuffer, 0, Math.min(st.size, prefixBuffer.length), 0);
    return { prefix: new Uint8Array(prefixBuffer.buffer, prefixBuffer.byteOffset, n), size: st.size, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

export interface HeaderRead {
  header: InstanceHeader;
  size: number;
  mtimeMs: number;
}

/**
 * Reads the header of one file (up to PixelData) for indexing: a 64 KiB prefix first, the whole
 * file when the header is longer or the data set is deflated. A PixelData element that runs past the
 * end of the file is reported as truncated here, so a scan already names broken files.
 */
export function readDicomHeader(path: string): Result<HeaderRead, Problem<ReadProblemCode>> {
  let size: number;
  let mtimeMs: number;
  let prefix: Uint8Array;
  try {
    ({ prefix, size, mtimeMs } = readPrefix(path));
  } catch (e) {
    return err({ code: 'unreadable', message: `${path}: cannot be read (${messageOf(e)})`, file: path });
  }
  let parsed: Result<DicomFile, Problem<ParseProblemCode>>;
  try {
    parsed = parseDicomFile(prefix, path, { inflateRaw, headerOnly: true });
    const complete = prefix.length === size;
    const reachedPixels = parsed.ok && parsed.value.dataSet.elements[tagOf('PixelData')] !== undefined;
    if (!complete && (!parsed.ok || !reachedPixels) && !(parsed.ok === false && parsed.error.code === 'not-dicom')) {
      const b = readFileSync(path);
      parsed = parseDicomFile(new Uint8Array(b.buffer, b.byteOffset, b.byteLength), path, { inflateRaw, headerOnly: true });
    }
  } catch (e) {
    return err({ code: 'unreadable', message: `${path}: cannot be read (${messageOf(e)})`, file: path });
  }
  if (!parsed.ok) return parsed;
  let header: InstanceHeader;
  try {
    header = instanceHeaderOf(parsed.value);
  } catch (e) {
    // A corrupt nested sequence can still make dicom-parser's accessors throw.
    return err({ code: 'parse-error', message: `${path}: corrupt header (${messageOf(e)})`, file: path });
  }
  const pixelData = parsed.value.dataSet.elements[tagOf('PixelData')];
  if (pixelData && !pixelData.encapsulatedPixelData && !parsed.value.transferSyntax?.deflated && pixelData.length !== 0xffffffff) {
    if (pixelData.dataOffset + pixelData.length > size) {
      header.problems.push({
        code: 'truncated',
        message: `${path}: truncated: PixelData needs ${pixelData.length} bytes but the file ends ${size - pixelData.dataOffset} bytes after its start`,
        file: path,
        where: 'PixelData (7FE0,0010)',
      });
    }
  }
  return ok({ header, size, mtimeMs });
}

/** One file's entry in an index: its header or why it has none, with the size and time it had. */
export interface HeaderOutcome {
  header?: InstanceHeader;
  problem?: Problem;
  /** -1 when the file could not even be stat'ed. */
  size: number;
  mtimeMs: number;
}

/** readDicomHeader as plain data, for a batch read in a worker thread (see scanDicom). */
export function readHeaderOutcome(path: string): HeaderOutcome {
  const r = readDicomHeader(path);
  if (r.ok) return { header: r.value.header, size: r.value.size, mtimeMs: r.value.mtimeMs };
  let size = -1;
  let mtimeMs = -1;
  try {
    const st = statSync(path);
    size = st.size;
    mtimeMs = st.mtimeMs;
  } catch {
    // the problem already says it cannot be read
  }
  return { problem: r.error, size, mtimeMs };
}
