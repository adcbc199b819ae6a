import {
  densitometryChange,
  type AcquisitionMismatch,
  type ChangedMeasure,
  type DensitometryVisitMeasures,
  type MeasureChange,
} from '../analysis/densitometryChange';

/**
 * Quantitative CT (densitometry) in the subject report (issue 7 "uses densitometry when present"):
 * the results stored per series by the viewer (densitometry_results, issue 8) for the series linked
 * to the baseline and endpoint visits, compared with densitometryChange. Reports never compute
 * densitometry themselves: a series without a stored result is named, with how to get one.
 */

/** What storage holds for one series linked to a visit. */
export interface StoredDensitometry {
  seriesKey: string;
  /** Null when the series has no stored result. */
  result: {
    computedAt: string;
    algorithmVersion: string;
    /** False when the result was computed by an older algorithm version (the viewer recomputes it). */
    current: boolean;
    measures: DensitometryVisitMeasures;
  } | null;
}

/** Stored results of the series linked to each visit, in link order. */
export interface DensitometryInput {
  baseline: StoredDensitometry[];
  endpoint: StoredDensitometry[];
}

export type DensitometryScanStatus = 'stored' | 'outdated' | 'not-stored' | 'not-linked';

export interface DensitometryScan {
  status: DensitometryScanStatus;
  /** The series used; '' when none or when the report is de-identified (the key holds the folder path). */
  seriesKey: string;
  computedAt: string | null;
  algorithmVersion: string | null;
  message: string;
}

export type DensitometryReportRegion = 'whole' | 'right' | 'left';
export type DensitometryReportMeasure = Extract<ChangedMeasure, 'volumeMl' | 'meanHu' | 'haaPercent' | 'laa950Percent' | 'p15Hu'>;

export const DENSITOMETRY_REPORT_REGIONS: readonly { region: DensitometryReportRegion; label: string }[] = [
  { region: 'whole', label: 'Both lungs' },
  { region: 'right', label: 'Right lung' },
  { region: 'left', label: 'Left lung' },
];

export interface DensitometryMeasureInfo {
  measure: DensitometryReportMeasure;
  /** Part of the CSV measure name: ct_density_<region>_<key>. */
  key: string;
  label: string;
  /** Unit as the report prints it. */
  unit: string;
  /** UCUM unit for the CSV. */
  ucum: string;
  /** Unit of the absolute change. */
  changeUnit: string;
  digits: number;
  description: string;
}

export const DENSITOMETRY_REPORT_MEASURES: readonly DensitometryMeasureInfo[] = [
  { measure: 'volumeMl', key: 'volume_ml', label: 'Lung volume', unit: 'mL', ucum: 'mL', changeUnit: 'mL', digits: 0, description: 'Volume of the segmented lung.' },
  { measure: 'meanHu', key: 'mld_hu', label: 'Mean lung density (MLD)', unit: 'HU', ucum: "[hnsf'U]", changeUnit: 'HU', digits: 1, description: 'Mean attenuation of the segmented lung.' },
  { measure: 'haaPercent', key: 'haa_percent', label: 'High-attenuation area (HAA)', unit: '%', ucum: '%', changeUnit: 'points', digits: 1, description: 'Percentage of lung voxels from -600 to -250 HU inclusive (high-attenuation area); change in percentage points.' },
  { measure: 'laa950Percent', key: 'laa950_percent', label: 'Low-attenuation area (LAA-950)', unit: '%', ucum: '%', changeUnit: 'points', digits: 1, description: 'Percentage of lung voxels at or below -950 HU; change in percentage points.' },
  { measure: 'p15Hu', key: 'p15_hu', label: '15th percentile (PD15)', unit: 'HU', ucum: "[hnsf'U]", changeUnit: 'HU', digits: 1, description: '15th percentile of the lung attenuation histogram.' },
];

export function densitometryCsvMeasure(region: DensitometryReportRegion, info: DensitometryMeasureInfo): string {
  return `ct_density_${region}_${info.key}`;
}

export interface DensitometryRow {
  region: DensitometryReportRegion;
  regionLabel: string;
  measure: DensitometryReportMeasure;
  csvMeasure: string;
  label: string;
  unit: string;
  ucum: string;
  changeUnit: string;
  digits: number;
  change: MeasureChange;
}

export interface DensitometrySection {
  /** compared: both visits have a stored result; partial: only one; not-available: neither. */
  status: 'compared' | 'partial' | 'not-available';
  message: string;
  baseline: DensitometryScan;
  endpoint: DensitometryScan;
  /** Whole lung, right and left lung x the five measures; empty when neither visit has a result. */
  rows: DensitometryRow[];
  /** Acquisition differences that move density by themselves (only when both are compared). */
  warnings: AcquisitionMismatch[];
  notes: string[];
}

export const DENSITOMETRY_HOW_TO = 'open it in the viewer and press D (densitometry) to compute and store it';

function pickScan(visit: 'baseline' | 'endpoint', list: readonly StoredDensitometry[], deidentify: boolean, notes: string[]): { scan: DensitometryScan; measures: DensitometryVisitMeasures | null } {
  const current = list.filter((entry) => entry.result?.current);
  const chosen = current[0];
  if (chosen?.result) {
    if (current.length > 1) notes.push(`${current.length} series linked to the ${visit} visit have densitometry; the first linked one is used.`);
    return {
      scan: {
        status: 'stored',
        seriesKey: deidentify ? '' : chosen.seriesKey,
        // A de-identified report carries no calendar dates at all, this one included.
        computedAt: deidentify ? null : chosen.result.computedAt,
        algorithmVersion: chosen.result.algorithmVersion,
        message: `Densitometry of the ${visit} series stored${deidentify ? '' : ` ${chosen.result.computedAt.slice(0, 10)}`} (algorithm version ${chosen.result.algorithmVersion}).`,
      },
      measures: chosen.result.measures,
    };
  }
  const outdated = list.find((entry) => entry.result !== null && !entry.result.current);
  if (outdated?.result) {
    return {
      scan: {
        status: 'outdated',
        seriesKey: deidentify ? '' : outdated.seriesKey,
        computedAt: deidentify ? null : outdated.result.computedAt,
        algorithmVersion: outdated.result.algorithmVersion,
        message: `The densitometry stored for the ${visit} series comes from an older algorithm version (${outdated.result.algorithmVersion}) and is not used: ${DENSITOMETRY_HOW_TO} again.`,
      },
      measures: null,
    };
  }
  const [first] = list;
  if (first) {
    return {
      scan: {
        status: 'not-stored',
        seriesKey: deidentify ? '' : first.seriesKey,
        computedAt: null,
        algorithmVersion: null,
        message: `No densitometry stored for the ${visit} series: ${DENSITOMETRY_HOW_TO}.`,
      },
      measures: null,
    };
  }
  return { scan: { status: 'not-linked', seriesKey: '', computedAt: null, algorithmVersion: null, message: `No CT series linked to the ${visit} visit.` }, measures: null };
}

function oneSided(value: number | null | undefined, side: 'baseline' | 'endpoint'): MeasureChange {
  const v = typeof value === 'number' && Number.isFinite(value) ? value : null;
  return { baseline: side === 'baseline' ? v : null, endpoint: side === 'endpoint' ? v : null, absolute: null, relativePercent: null };
}

/** The densitometry section of a subject report; `input` null when the sources have none to offer. */
export function densitometrySection(input: DensitometryInput | null, deidentify: boolean): DensitometrySection {
  const notes: string[] = [];
  const b = pickScan('baseline', input?.baseline ?? [], deidentify, notes);
  const e = pickScan('endpoint', input?.endpoint ?? [], deidentify, notes);
  if (b.measures === null && e.measures === null) {
    return { status: 'not-available', message: 'No densitometry to compare.', baseline: b.scan, endpoint: e.scan, rows: [], warnings: [], notes };
  }
  const change = b.measures && e.measures ? densitometryChange(b.measures, e.measures) : null;
  const rows: DensitometryRow[] = [];
  for (const { region, label: regionLabel } of DENSITOMETRY_REPORT_REGIONS) {
    for (const info of DENSITOMETRY_REPORT_MEASURES) {
      const value = change
        ? change.regions[region][info.measure]
        : b.measures
          ? oneSided(b.measures[region][info.measure], 'baseline')
          : oneSided(e.measures?.[region][info.measure], 'endpoint');
      rows.push({
        region,
        regionLabel,
        measure: info.measure,
        csvMeasure: densitometryCsvMeasure(region, info),
        label: info.label,
        unit: info.unit,
        ucum: info.ucum,
        changeUnit: info.changeUnit,
        digits: info.digits,
        change: value,
      });
    }
  }
  const warnings = change?.warnings ?? [];
  const message = change
    ? warnings.length > 0
      ? 'The two scans were acquired differently: part of the density change may come from the acquisition, not the lung.'
      : 'Baseline and endpoint densitometry compared; the acquisitions match as far as their headers say.'
    : `Densitometry is stored for the ${b.measures ? 'baseline' : 'endpoint'} scan only: no change can be computed.`;
  return { status: change ? 'compared' : 'partial', message, baseline: b.scan, endpoint: e.scan, rows, warnings, notes };
}
