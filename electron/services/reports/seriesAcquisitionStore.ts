import { sep } from 'node:path';
import type { AcquisitionFacts as DicomFacts, InstanceHeader } from '../../../shared/dicom/instanceHeader';
import type { AcquisitionFacts } from '../../../shared/reports/acquisitionFacts';
import type { Db } from '../storage/openStore';
import { collectFiles } from '../dicom/scanDicom';
import { readDicomHeader } from '../dicom/readDicom';
import { decodeSeriesKey } from '../imaging/seriesKey';

/**
 * Acquisition facts of a linked series, from its DICOM header (table imaging_series_acquisition,
 * migration 5): the cached row when there is one; else the imaging header index (filled when the
 * folder was opened); else the series' own files, read header-only until one of the series is found.
 * The answer is cached, so a report still compares the scans after the folder is gone.
 */
export interface SeriesHeaderFacts extends DicomFacts {
  SeriesDescription?: string;
}

/** More files than this are not searched for one series' header during a report (a cache miss on a huge folder). */
const MAX_FILES_SEARCHED = 5000;

function fromHeader(header: InstanceHeader): SeriesHeaderFacts {
  return { ...header.facts, ...(header.SeriesDescription ? { SeriesDescription: header.SeriesDescription } : {}) };
}

function fromHeaderIndex(db: Db, folder: string, seriesInstanceUid: string): SeriesHeaderFacts | null {
  const prefix = folder.endsWith(sep) ? folder : folder + sep;
  // Paths under the folder as a range of the primary key (text compares byte by byte): from
  // "folder/" up to "folder0", the separator's next character, so the index is used, not a scan.
  const pastPrefix = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  const rows = db
    .prepare(
      `SELECT read_json FROM imaging_header_cache
       WHERE path >= ? AND path < ? AND json_extract(read_json, '$.header.SeriesInstanceUID') = ? LIMIT 50`,
    )
    .all(prefix, pastPrefix, seriesInstanceUid) as { read_json: string }[];
  for (const row of rows) {
    const header = (JSON.parse(row.read_json) as { header?: InstanceHeader }).header;
    if (header?.pixel) return fromHeader(header);
  }
  return null;
}

function fromFiles(folder: string, seriesInstanceUid: string): SeriesHeaderFacts | null {
  const files = collectFiles([folder], []).slice(0, MAX_FILES_SEARCHED);
  for (const file of files) {
    const read = readDicomHeader(file);
    if (read.ok && read.value.header.SeriesInstanceUID === seriesInstanceUid && read.value.header.pixel) return fromHeader(read.value.header);
  }
  return null;
}

export function storeSeriesFacts(db: Db, seriesKey: string, seriesInstanceUid: string, facts: SeriesHeaderFacts, source: 'header-index' | 'files'): void {
  db.prepare('INSERT OR REPLACE INTO imaging_series_acquisition (series_key, series_instance_uid, facts_json, source, recorded_at) VALUES (?, ?, ?, ?, ?)').run(
    seriesKey,
    seriesInstanceUid,
    JSON.stringify(facts),
    source,
    new Date().toISOString(),
  );
}

/** The header facts of a series, or null when neither the cache, the index nor the files have them. */
export function seriesHeaderFacts(db: Db, seriesKey: string): SeriesHeaderFacts | null {
  const cached = db.prepare('SELECT facts_json FROM imaging_series_acquisition WHERE series_key = ?').get(seriesKey) as { facts_json: string } | undefined;
  if (cached) return JSON.parse(cached.facts_json) as SeriesHeaderFacts;
  const parts = decodeSeriesKey(seriesKey);
  if (!parts) return null;
  const indexed = fromHeaderIndex(db, parts.folder, parts.SeriesInstanceUID);
  if (indexed) {
    storeSeriesFacts(db, seriesKey, parts.SeriesInstanceUID, indexed, 'header-index');
    return indexed;
  }
  const read = fromFiles(parts.folder, parts.SeriesInstanceUID);
  if (read) storeSeriesFacts(db, seriesKey, parts.SeriesInstanceUID, read, 'files');
  return read;
}

/**
 * Inspiration or expiration, when the series description says so: DICOM has no plain keyword for it
 * in a CT image header (RespiratoryMotion is rarely filled in), and expiratory HRCT series are
 * usually named "EXP" or "Expiration" by the technologist.
 */
export function respiratoryPhaseOf(description: string | undefined): string | null {
  if (!description) return null;
  if (/\b(exp|expi\w*|expiratory)\b/i.test(description)) return 'expiration';
  if (/\b(insp|inspi\w*|inspiratory)\b/i.test(description)) return 'inspiration';
  return null;
}

/** The report's view of one linked series; every fact null when the header cannot be read. */
export function reportAcquisitionFacts(db: Db, seriesKey: string, visitId: string): AcquisitionFacts {
  const facts = seriesHeaderFacts(db, seriesKey);
  return {
    seriesKey,
    visitId,
    SliceThickness: facts?.SliceThickness ?? null,
    ConvolutionKernel: facts?.ConvolutionKernel ?? null,
    // The Contrast/Bolus module is present only when contrast was given (PS3.3 C.7.6.4): a read header without it is unenhanced.
    contrast: facts === null ? null : Boolean(facts.ContrastBolusAgent?.trim()),
    PatientPosition: facts?.PatientPosition ?? null,
    respiratoryPhase: respiratoryPhaseOf(facts?.SeriesDescription),
    Manufacturer: facts?.Manufacturer ?? null,
    ManufacturerModelName: facts?.ManufacturerModelName ?? null,
    KVP: facts?.KVP ?? null,
  };
}
