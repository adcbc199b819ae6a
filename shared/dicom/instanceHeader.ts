import type { DataSet } from 'dicom-parser';
import type { Problem } from '../result';
import { type DicomFile, numberOf, numbersOf, stringOf, stringsOf } from './dicomFile';
import { type Keyword, tagOf } from './keywords';

export type Vec3 = [number, number, number];
/** Row direction cosines then column direction cosines (PS3.3 C.7.6.2.1.1). */
export type Orientation = [number, number, number, number, number, number];

/** What a reader needs to know about how a CT series was acquired (PS3.3 C.8.2.1, C.7.3.1). */
export interface AcquisitionFacts {
  ConvolutionKernel?: string;
  SliceThickness?: number;
  KVP?: number;
  ContrastBolusAgent?: string;
  PatientPosition?: string;
  Manufacturer?: string;
  ManufacturerModelName?: string;
}

/** How stored pixel values are laid out (PS3.3 C.7.6.3 Image Pixel Module). */
export interface PixelFormat {
  Rows: number;
  Columns: number;
  BitsAllocated: number;
  BitsStored: number;
  PixelRepresentation: number;
  SamplesPerPixel: number;
  PhotometricInterpretation: string;
  PixelPaddingValue?: number;
  PixelPaddingRangeLimit?: number;
}

/** Geometry and value transform of one frame (a slice): top level, or functional groups. */
export interface FrameGeometry {
  frameIndex: number;
  ImagePositionPatient?: Vec3;
  ImageOrientationPatient?: Orientation;
  /** Row spacing then column spacing, mm (PS3.3 10.7.1.3). */
  PixelSpacing?: [number, number];
  SliceThickness?: number;
  RescaleSlope: number;
  RescaleIntercept: number;
  /** ImageType, or FrameType for enhanced frames; LOCALIZER marks a scout. */
  ImageType: string[];
}

/** Everything LungScore keeps about one file without its pixels: plain data (IPC, SQLite). */
export interface InstanceHeader {
  file: string;
  SOPInstanceUID: string;
  SOPClassUID: string;
  PatientID: string;
  PatientName: string;
  StudyInstanceUID: string;
  StudyDate: string;
  StudyDescription: string;
  SeriesInstanceUID: string;
  SeriesNumber?: number;
  SeriesDescription: string;
  Modality: string;
  FrameOfReferenceUID: string;
  InstanceNumber?: number;
  TransferSyntaxUID: string;
  GantryDetectorTilt?: number;
  facts: AcquisitionFacts;
  /** Undefined for objects without pixel data (SR, presentation states, ...). */
  pixel?: PixelFormat;
  /**
   * Where uncompressed little-endian PixelData starts in the file (bytes), so a loader can read the
   * pixels straight into the volume without parsing the file again. Undefined for encapsulated,
   * deflated and big-endian data, which go through the full decode.
   */
  nativePixelDataOffset?: number;
  frames: FrameGeometry[];
  problems: Problem[];
}

function vec3(values: number[] | undefined): Vec3 | undefined {
  if (!values || values.length < 3 || values.slice(0, 3).some((v) => !Number.isFinite(v))) return undefined;
  return [values[0] ?? 0, values[1] ?? 0, values[2] ?? 0];
}

function orientation(values: number[] | undefined): Orientation | undefined {
  if (!values || values.length < 6 || values.slice(0, 6).some((v) => !Number.isFinite(v))) return undefined;
  return values.slice(0, 6) as Orientation;
}

function spacing(values: number[] | undefined): [number, number] | undefined {
  if (!values || values.length < 2 || !(values[0]! > 0) || !(values[1]! > 0)) return undefined;
  return [values[0]!, values[1]!];
}

/** The first item of a sequence attribute, as a data set. */
function firstItem(dataSet: DataSet | undefined, keyword: Keyword): DataSet | undefined {
  return dataSet?.elements[tagOf(keyword)]?.items?.[0]?.dataSet;
}

function macro(groups: (DataSet | undefined)[], sequence: Keyword): DataSet | undefined {
  // Per-frame groups override shared groups (PS3.3 C.7.6.16.1).
  for (const g of groups) {
    const item = firstItem(g, sequence);
    if (item) return item;
  }
  return undefined;
}

function optionalNumber(dataSet: DataSet | undefined, keyword: Keyword): number | undefined {
  return dataSet ? numberOf(dataSet, keyword) : undefined;
}

function optionalString(file: DicomFile, keyword: Keyword): string | undefined {
  const s = stringOf(file, keyword);
  return s === undefined || s === '' ? undefined : s;
}

/**
 * Reads the header of a parsed file. Enhanced multi-frame objects (PS3.3 C.7.6.16) give one
 * FrameGeometry per frame from the shared and per-frame functional groups; classic images give one.
 */
export function instanceHeaderOf(file: DicomFile): InstanceHeader {
  const ds = file.dataSet;
  const problems: Problem[] = [...file.problems];
  const pr = numberOf(ds, 'PixelRepresentation') ?? 0;
  const rows = numberOf(ds, 'Rows');
  const columns = numberOf(ds, 'Columns');
  const hasPixels = ds.elements[tagOf('PixelData')] !== undefined;
  let pixel: PixelFormat | undefined;
  if (hasPixels && rows !== undefined && columns !== undefined) {
    const bitsAllocated = numberOf(ds, 'BitsAllocated') ?? 16;
    pixel = {
      Rows: rows,
      Columns: columns,
      BitsAllocated: bitsAllocated,
      BitsStored: numberOf(ds, 'BitsStored') ?? bitsAllocated,
      PixelRepresentation: pr,
      SamplesPerPixel: numberOf(ds, 'SamplesPerPixel') ?? 1,
      PhotometricInterpretation: stringOf(file, 'PhotometricInterpretation') ?? 'MONOCHROME2',
    };
    const padding = numberOf(ds, 'PixelPaddingValue', pr);
    if (padding !== undefined) pixel.PixelPaddingValue = padding;
    const limit = numberOf(ds, 'PixelPaddingRangeLimit', pr);
    if (limit !== undefined) pixel.PixelPaddingRangeLimit = limit;
  }

  if (!hasPixels && rows !== undefined && columns !== undefined) {
    problems.push({
      code: 'no-pixel-data',
      message: `${file.file}: has Rows and Columns but no PixelData (cut short?)`,
      file: file.file,
      where: 'PixelData (7FE0,0010)',
    });
  }

  const imageType = stringsOf(file, 'ImageType');
  const topThickness = numberOf(ds, 'SliceThickness');
  const frames: FrameGeometry[] = [];
  const shared = firstItem(ds, 'SharedFunctionalGroupsSequence');
  const perFrame = ds.elements[tagOf('PerFrameFunctionalGroupsSequence')]?.items ?? [];
  const numberOfFrames = numberOf(ds, 'NumberOfFrames') ?? 1;
  if (shared || perFrame.length > 0) {
    for (let i = 0; i < numberOfFrames; i++) {
      const groups = [perFrame[i]?.dataSet, shared];
      const position = macro(groups, 'PlanePositionSequence');
      const orient = macro(groups, 'PlaneOrientationSequence');
      const measures = macro(groups, 'PixelMeasuresSequence');
      const transform = macro(groups, 'PixelValueTransformationSequence');
      const frameType = macro(groups, 'CTImageFrameTypeSequence');
      const frame: FrameGeometry = {
        frameIndex: i,
        RescaleSlope: optionalNumber(transform, 'RescaleSlope') ?? numberOf(ds, 'RescaleSlope') ?? 1,
        RescaleIntercept: optionalNumber(transform, 'RescaleIntercept') ?? numberOf(ds, 'RescaleIntercept') ?? 0,
        ImageType: frameType ? stringsOf(file, 'FrameType', frameType) : imageType,
      };
      const ipp = vec3(position ? numbersOf(position, 'ImagePositionPatient') : undefined);
      if (ipp) frame.ImagePositionPatient = ipp;
      const iop = orientation(orient ? numbersOf(orient, 'ImageOrientationPatient') : undefined);
      if (iop) frame.ImageOrientationPatient = iop;
      const ps = spacing(measures ? numbersOf(measures, 'PixelSpacing') : undefined);
      if (ps) frame.PixelSpacing = ps;
      const thickness = optionalNumber(measures, 'SliceThickness') ?? topThickness;
      if (thickness !== undefined) frame.SliceThickness = thickness;
      frames.push(frame);
    }
  } else {
    for (let i = 0; i < (hasPixels ? numberOfFrames : 0); i++) {
      const frame: FrameGeometry = {
        frameIndex: i,
        RescaleSlope: numberOf(ds, 'RescaleSlope') ?? 1,
        RescaleIntercept: numberOf(ds, 'RescaleIntercept') ?? 0,
        ImageType: imageType,
      };
      const ipp = vec3(numbersOf(ds, 'ImagePositionPatient'));
      if (ipp) frame.ImagePositionPatient = ipp;
      const iop = orientation(numbersOf(ds, 'ImageOrientationPatient'));
      if (iop) frame.ImageOrientationPatient = iop;
      const ps = spacing(numbersOf(ds, 'PixelSpacing'));
      if (ps) frame.PixelSpacing = ps;
      if (topThickness !== undefined) frame.SliceThickness = topThickness;
      frames.push(frame);
    }
  }

  const facts: AcquisitionFacts = {};
  const kernel = optionalString(file, 'ConvolutionKernel');
  if (kernel !== undefined) facts.ConvolutionKernel = kernel;
  const thickness = topThickness ?? frames[0]?.SliceThickness;
  if (thickness !== undefined) facts.SliceThickness = thickness;
  const kvp = numberOf(ds, 'KVP');
  if (kvp !== undefined) facts.KVP = kvp;
  const agent = optionalString(file, 'ContrastBolusAgent');
  if (agent !== undefined) facts.ContrastBolusAgent = agent;
  const position = optionalString(file, 'PatientPosition');
  if (position !== undefined) facts.PatientPosition = position;
  const manufacturer = optionalString(file, 'Manufacturer');
  if (manufacturer !== undefined) facts.Manufacturer = manufacturer;
  const model = optionalString(file, 'ManufacturerModelName');
  if (model !== undefined) facts.ManufacturerModelName = model;

  const header: InstanceHeader = {
    file: file.file,
    SOPInstanceUID: stringOf(file, 'SOPInstanceUID') ?? stringOf(file, 'MediaStorageSOPInstanceUID') ?? '',
    SOPClassUID: stringOf(file, 'SOPClassUID') ?? stringOf(file, 'MediaStorageSOPClassUID') ?? '',
    PatientID: stringOf(file, 'PatientID') ?? '',
    PatientName: stringOf(file, 'PatientName') ?? '',
    StudyInstanceUID: stringOf(file, 'StudyInstanceUID') ?? '',
    StudyDate: stringOf(file, 'StudyDate') ?? '',
    StudyDescription: stringOf(file, 'StudyDescription') ?? '',
    SeriesInstanceUID: stringOf(file, 'SeriesInstanceUID') ?? '',
    SeriesDescription: stringOf(file, 'SeriesDescription') ?? '',
    Modality: stringOf(file, 'Modality') ?? '',
    FrameOfReferenceUID: stringOf(file, 'FrameOfReferenceUID') ?? '',
    TransferSyntaxUID: file.transferSyntaxUID,
    facts,
    frames,
    problems,
  };
  const seriesNumber = numberOf(ds, 'SeriesNumber');
  if (seriesNumber !== undefined) header.SeriesNumber = seriesNumber;
  const instanceNumber = numberOf(ds, 'InstanceNumber');
  if (instanceNumber !== undefined) header.InstanceNumber = instanceNumber;
  const tilt = numberOf(ds, 'GantryDetectorTilt');
  if (tilt !== undefined) header.GantryDetectorTilt = tilt;
  if (pixel) header.pixel = pixel;
  const pixelData = ds.elements[tagOf('PixelData')];
  const syntax = file.transferSyntax;
  if (pixelData && !pixelData.encapsulatedPixelData && syntax?.encoding === 'native' && !syntax.deflated && !syntax.bigEndian) {
    header.nativePixelDataOffset = pixelData.dataOffset;
  }
  return header;
}
