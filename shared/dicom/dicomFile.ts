import { dicomParser } from './dicomParserModule';
import type { DataSet, Element, ParseDicomOptions } from 'dicom-parser';
import { type Problem, type Result, err, ok } from '../result';
import { type Keyword, tagOf } from './keywords';
import { type CharsetProblemCode, type DicomTextDecoder, createTextDecoder } from './specificCharacterSet';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  type TransferSyntax,
  transferSyntaxOf,
} from './transferSyntax';

export type ParseProblemCode =
  | 'empty-file'
  | 'not-dicom'
  | 'truncated'
  | 'missing-transfer-syntax'
  | 'wrong-transfer-syntax'
  | 'unsupported-transfer-syntax'
  | 'parse-error'
  | CharsetProblemCode;

export interface ParseOptions {
  /**
   * Inflates raw DEFLATE data (RFC 1951) synchronously, for Deflated Explicit VR Little Endian
   * (PS3.5 A.5). Node passes zlib.inflateRawSync; without it deflated files are a problem.
   */
  inflateRaw?: (deflated: Uint8Array) => Uint8Array;
  /** Stop at PixelData: for indexing, where only the header is needed (the bytes may be a prefix). */
  headerOnly?: boolean;
}

/** A parsed DICOM file: the dicom-parser data set plus keyword accessors and text decoding. */
export interface DicomFile {
  file: string;
  dataSet: DataSet;
  transferSyntaxUID: string;
  /** Undefined when the UID is not one LungScore can decode pixels of (header still readable). */
  transferSyntax: TransferSyntax | undefined;
  /** False for raw data sets without the PS3.10 preamble and "DICM" prefix. */
  part10: boolean;
  text: DicomTextDecoder;
  /** Problems that did not stop parsing (guessed transfer syntax, unknown character set). */
  problems: Problem<ParseProblemCode>[];
}

/** Value representations of the attributes read as numbers, for implicit VR data sets. */
const NUMERIC_VR: Partial<Record<Keyword, string>> = {
  Rows: 'US',
  Columns: 'US',
  BitsAllocated: 'US',
  BitsStored: 'US',
  HighBit: 'US',
  PixelRepresentation: 'US',
  SamplesPerPixel: 'US',
  PixelPaddingValue: 'xs',
  PixelPaddingRangeLimit: 'xs',
};

const TEXT_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'UC', 'PN']);
const TEXT_KEYWORDS: ReadonlySet<Keyword> = new Set<Keyword>([
  'PatientName',
  'PatientID',
  'StudyDescription',
  'SeriesDescription',
  'Manufacturer',
  'ManufacturerModelName',
  'ContrastBolusAgent',
  'ConvolutionKernel',
]);

function messageOf(e: unknown): string {
  if (typeof e === 'string') return e;
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'exception' in e) return String((e as { exception: unknown }).exception);
  return String(e);
}

function isTruncation(message: string): boolean {
  return /past end|overrun|end of buffer|buffer|beyond/i.test(message);
}

/**
 * Guesses the encoding of a data set that has no PS3.10 header: a raw dump starts with a tag of a
 * low group (0002 or 0008 in practice); explicit VR shows two upper-case letters after the tag.
 */
function sniffRawDataSet(bytes: Uint8Array): string | undefined {
  if (bytes.length < 8) return undefined;
  const group = (bytes[0] ?? 0) | ((bytes[1] ?? 0) << 8);
  if (group !== 0x0002 && group !== 0x0008) return undefined;
  const v0 = bytes[4] ?? 0;
  const v1 = bytes[5] ?? 0;
  const upper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
  return upper(v0) && upper(v1) ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
}

function hasPart10Prefix(bytes: Uint8Array): boolean {
  return bytes.length >= 132 && bytes[128] === 0x44 && bytes[129] === 0x49 && bytes[130] === 0x43 && bytes[131] === 0x4d;
}

/** Parses DICOM bytes. Never throws: every failure is a Problem naming the file. */
export function parseDicomFile(bytes: Uint8Array, file: string, options: ParseOptions = {}): Result<DicomFile, Problem<ParseProblemCode>> {
  const fail = (code: ParseProblemCode, message: string): { ok: false; error: Problem<ParseProblemCode> } =>
    err({ code, message: `${file}: ${message}`, file });
  if (bytes.length === 0) return fail('empty-file', 'empty file (0 bytes)');
  const part10 = hasPart10Prefix(bytes);
  const problems: Problem<ParseProblemCode>[] = [];
  const rawSyntax = part10 ? undefined : sniffRawDataSet(bytes);
  if (!part10 && rawSyntax === undefined) return fail('not-dicom', 'not a DICOM file (no "DICM" prefix and no data set at the start)');

  const inflater = options.inflateRaw;
  const parserOptions: ParseDicomOptions = {};
  if (options.headerOnly) parserOptions.untilTag = tagOf('PixelData');
  if (rawSyntax) parserOptions.TransferSyntaxUID = rawSyntax;
  if (inflater) {
    parserOptions.inflater = (arr: Uint8Array, position: number) => {
      const inflated = inflater(arr.subarray(position));
      const full = new Uint8Array(position + inflated.length);
      full.set(arr.subarray(0, position), 0);
      full.set(inflated, position);
      return full;
    };
  }

  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes, parserOptions);
  } catch (e) {
    const message = messageOf(e);
    if (/missing required meta header attribute 0002,0010/.test(message)) {
      return retryWithGuessedSyntax(bytes, file, options, parserOptions, 'missing-transfer-syntax', 'no TransferSyntaxUID (0002,0010) in the file meta information');
    }
    if (/no inflater/.test(message)) return fail('unsupported-transfer-syntax', 'deflated data set but no inflater is available');
    if (isTruncation(message)) {
      return fail('truncated', `truncated or corrupt (${message})`);
    } else if (part10) {
      return retryWithGuessedSyntax(bytes, file, options, parserOptions, 'wrong-transfer-syntax', `could not be parsed with its declared transfer syntax (${message})`);
    } else {
      return fail('parse-error', message);
    }
  }
  const overrun = firstOverrun(dataSet, dataSet.byteArray.length, options.headerOnly === true);
  if (overrun !== undefined) {
    if (part10 && !rawSyntax) {
      const retried = retryWithGuessedSyntax(bytes, file, options, parserOptions, 'wrong-transfer-syntax', `elements run past the end of the file when read as ${transferSyntaxOf(declaredSyntax(dataSet))?.name ?? 'declared'}`);
      if (retried.ok) return retried;
    }
    return fail('truncated', `truncated: element ${overrun} runs past the end of the file (${bytes.length} bytes)`);
  }
  return finish(dataSet, file, part10, problems);
}

function declaredSyntax(dataSet: DataSet): string {
  try {
    return (dataSet.string(tagOf('TransferSyntaxUID')) ?? '').replace(/\0/g, '').trim();
  } catch {
    return '';
  }
}

/**
 * dicom-parser stops quietly when the buffer ends inside an element's value; an element that claims
 * more bytes than there are means a cut file (or a data set read with the wrong VR encoding). For a
 * header-only read of a file prefix, PixelData itself may extend past the prefix.
 */
function firstOverrun(dataSet: DataSet, size: number, headerOnly: boolean): string | undefined {
  // for-in rather than Object.values: no array per file on the indexing hot path.
  for (const tag in dataSet.elements) {
    const el = dataSet.elements[tag]!;
    if (headerOnly && el.tag === tagOf('PixelData')) continue;
    if (el.length === 0xffffffff || el.hadUndefinedLength) continue;
    if (el.dataOffset + el.length > size) return `(${el.tag.slice(1, 5).toUpperCase()},${el.tag.slice(5).toUpperCase()})`;
  }
  return undefined;
}

function finish(dataSet: DataSet, file: string, part10: boolean, problems: Problem<ParseProblemCode>[]): Result<DicomFile, Problem<ParseProblemCode>> {
  const transferSyntaxUID = (dataSet.string(tagOf('TransferSyntaxUID')) ?? '').replace(/\0/g, '').trim();
  const charsetElement = dataSet.elements[tagOf('SpecificCharacterSet')];
  // Read raw rather than with dicom-parser's trimming string(): an empty first value (the default
  // repertoire in G0, PS3.3 C.12.1.1.2) must survive the split.
  const charsets = charsetElement ? readRawString(dataSet, charsetElement).split('\\').map((s) => s.trim()) : [];
  const text = createTextDecoder(charsets, file);
  problems.push(...text.problems);
  return ok({ file, dataSet, transferSyntaxUID, transferSyntax: transferSyntaxOf(transferSyntaxUID), part10, text, problems });
}

function retryWithGuessedSyntax(
  bytes: Uint8Array,
  file: string,
  options: ParseOptions,
  parserOptions: ParseDicomOptions,
  code: 'missing-transfer-syntax' | 'wrong-transfer-syntax',
  why: string,
): Result<DicomFile, Problem<ParseProblemCode>> {
  // Skip the preamble, prefix and meta group; sniff the first data set element after them.
  const metaEnd = endOfMetaGroup(bytes);
  const guess = sniffRawDataSet(bytes.subarray(metaEnd)) ?? IMPLICIT_VR_LITTLE_ENDIAN;
  const candidates = [guess, guess === EXPLICIT_VR_LITTLE_ENDIAN ? IMPLICIT_VR_LITTLE_ENDIAN : EXPLICIT_VR_LITTLE_ENDIAN];
  for (const uid of candidates) {
    try {
      const body = bytes.subarray(metaEnd);
      const dataSet = dicomParser.parseDicom(body, { ...parserOptions, TransferSyntaxUID: uid, inflater: undefined });
      if (firstOverrun(dataSet, body.length, options.headerOnly === true) !== undefined) continue;
      const problem: Problem<ParseProblemCode> = {
        code,
        message: `${file}: ${why}; read as ${transferSyntaxOf(uid)?.name ?? uid}`,
        file,
        where: 'TransferSyntaxUID (0002,0010)',
      };
      const result = finish(dataSet, file, true, [problem]);
      if (result.ok) {
        // The pixel decoder must use the syntax that actually parsed, not the declared one.
        result.value.transferSyntaxUID = uid;
        result.value.transferSyntax = transferSyntaxOf(uid);
      }
      if (result.ok && result.value.dataSet.elements[tagOf('SOPInstanceUID')]) return result;
    } catch {
      // try the next candidate
    }
  }
  return err({ code, message: `${file}: ${why}`, file, where: 'TransferSyntaxUID (0002,0010)' });
}

/** Byte offset just past the file meta information group (0002), or 0 for a raw data set. */
function endOfMetaGroup(bytes: Uint8Array): number {
  if (!hasPart10Prefix(bytes)) return 0;
  let p = 132;
  while (p + 8 <= bytes.length) {
    const group = (bytes[p] ?? 0) | ((bytes[p + 1] ?? 0) << 8);
    if (group !== 0x0002) break;
    const vr = String.fromCharCode(bytes[p + 4] ?? 0, bytes[p + 5] ?? 0);
    const longVr = vr === 'OB' || vr === 'OW' || vr === 'UN' || vr === 'SQ' || vr === 'UT' || vr === 'UC' || vr === 'UR' || vr === 'OF' || vr === 'OD' || vr === 'OL' || vr === 'OV';
    if (longVr) {
      const len = ((bytes[p + 8] ?? 0) | ((bytes[p + 9] ?? 0) << 8) | ((bytes[p + 10] ?? 0) << 16) | ((bytes[p + 11] ?? 0) << 24)) >>> 0;
      p += 12 + len;
    } else {
      p += 8 + ((bytes[p + 6] ?? 0) | ((bytes[p + 7] ?? 0) << 8));
    }
  }
  return p;
}

function readRawString(dataSet: DataSet, element: Element): string {
  let s = '';
  const end = Math.min(element.dataOffset + element.length, dataSet.byteArray.length);
  for (let i = element.dataOffset; i < end; i++) s += String.fromCharCode(dataSet.byteArray[i] ?? 0);
  return s.replace(/\0/g, '');
}

/** Reads attributes by keyword from a data set (the root, or an item of a functional group). */
export function element(dataSet: DataSet, keyword: Keyword): Element | undefined {
  const el = dataSet.elements[tagOf(keyword)];
  return el && el.length > 0 ? el : undefined;
}

/** A string value; text VRs decoded with the file's SpecificCharacterSet; trailing padding removed. */
export function stringOf(file: DicomFile, keyword: Keyword, dataSet: DataSet = file.dataSet): string | undefined {
  const el = element(dataSet, keyword);
  if (!el) return undefined;
  if (TEXT_KEYWORDS.has(keyword) || (el.vr !== undefined && TEXT_VRS.has(el.vr))) {
    const end = Math.min(el.dataOffset + el.length, dataSet.byteArray.length);
    const bytes = dataSet.byteArray.subarray(el.dataOffset, end);
    return file.text.decode(bytes, { personName: keyword === 'PatientName' || el.vr === 'PN' }).replace(/[\0 ]+$/, '').trim();
  }
  return dataSet.string(tagOf(keyword))?.replace(/\0/g, '').trim();
}

/** All values of a multi-valued string attribute (backslash-separated, PS3.5 6.4). */
export function stringsOf(file: DicomFile, keyword: Keyword, dataSet: DataSet = file.dataSet): string[] {
  const s = stringOf(file, keyword, dataSet);
  return s === undefined || s === '' ? [] : s.split('\\').map((v) => v.trim());
}

/**
 * Numeric values: DS/IS parsed from text; US/SS/UL/SL/FL/FD read binary. Attributes whose VR
 * depends on PixelRepresentation ("US or SS", PS3.3 C.7.6.3) follow it.
 */
export function numbersOf(dataSet: DataSet, keyword: Keyword, pixelRepresentation = 0): number[] | undefined {
  const el = element(dataSet, keyword);
  if (!el) return undefined;
  let vr = el.vr ?? NUMERIC_VR[keyword] ?? 'DS';
  if (vr === 'xs' || ((vr === 'US' || vr === 'SS' || vr === 'OB' || vr === 'OW') && NUMERIC_VR[keyword] === 'xs')) {
    vr = pixelRepresentation === 1 ? 'SS' : 'US';
  }
  const tag = tagOf(keyword);
  const out: number[] = [];
  switch (vr) {
    case 'US':
      for (let i = 0; i < el.length / 2; i++) out.push(dataSet.uint16(tag, i) ?? NaN);
      break;
    case 'SS':
      for (let i = 0; i < el.length / 2; i++) out.push(dataSet.int16(tag, i) ?? NaN);
      break;
    case 'UL':
      for (let i = 0; i < el.length / 4; i++) out.push(dataSet.uint32(tag, i) ?? NaN);
      break;
    case 'SL':
      for (let i = 0; i < el.length / 4; i++) out.push(dataSet.int32(tag, i) ?? NaN);
      break;
    case 'FL':
      for (let i = 0; i < el.length / 4; i++) out.push(dataSet.float(tag, i) ?? NaN);
      break;
    case 'FD':
      for (let i = 0; i < el.length / 8; i++) out.push(dataSet.double(tag, i) ?? NaN);
      break;
    default: {
      const s = dataSet.string(tag);
      if (s === undefined) return undefined;
      for (const part of s.split('\\')) out.push(part.trim() === '' ? NaN : Number(part));
    }
  }
  return out;
}

export function numberOf(dataSet: DataSet, keyword: Keyword, pixelRepresentation = 0): number | undefined {
  const v = numbersOf(dataSet, keyword, pixelRepresentation)?.[0];
  return v === undefined || Number.isNaN(v) ? undefined : v;
}
