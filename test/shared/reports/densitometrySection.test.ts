import { describe, expect, it } from 'vitest';
import type { DensitometryVisitMeasures, MeasuresOf } from '../../../shared/analysis/densitometryChange';
import { LUNG_ZONE_NAMES } from '../../../shared/analysis/densitometryRegions';
import { NO_CT_EVIDENCE } from '../../../shared/reports/ctEvidence';
import { densitometrySection, type StoredDensitometry } from '../../../shared/reports/densitometrySection';
import { DATA_DICTIONARY, dataDictionaryCsv, longFormatRows } from '../../../shared/reports/longFormatCsv';
import { DEFAULT_REPORT_SETTINGS } from '../../../shared/reports/reportSettings';
import { buildSubjectReport } from '../../../shared/reports/subjectReport';
import { baselineSession, baselineVisit, endpointSession, project, subject, week52Visit } from './fixtures';

function measures(volumeMl: number, meanHu: number, haaPercent: number, laa950Percent: number, p15Hu: number): MeasuresOf {
  return { volumeMl, meanHu, p10Hu: p15Hu - 20, p15Hu, p50Hu: meanHu, p90Hu: meanHu + 200, haaPercent, laa950Percent };
}

function visitMeasures(whole: MeasuresOf, right: MeasuresOf, left: MeasuresOf, acquisition: Partial<DensitometryVisitMeasures['acquisition']> = {}): DensitometryVisitMeasures {
  const zones = Object.fromEntries(LUNG_ZONE_NAMES.map((zone) => [zone, zone.startsWith('right') ? right : left])) as DensitometryVisitMeasures['zones'];
  return { whole, right, left, zones, acquisition: { sliceThicknessMm: 1, kernel: 'B30f', contrastAgent: null, patientPosition: 'HFS', ...acquisition } };
}

/** Baseline: 4000 mL, MLD -800 HU, HAA 10 %, LAA 2 %, PD15 -900; week 52: 3600 mL, -760 HU, 15 %, 1 %, -880. */
const baselineDensity = visitMeasures(measures(4000, -800, 10, 2, -900), measures(2200, -810, 8, 2.5, -905), measures(1800, -788, 12.5, 1.4, -894));
const endpointDensity = visitMeasures(measures(3600, -760, 15, 1, -880), measures(2000, -770, 13, 1.5, -885), measures(1600, -748, 17.5, 0.4, -874), { kernel: 'B70f' });

function stored(seriesKey: string, m: DensitometryVisitMeasures | null, current = true): StoredDensitometry {
  return { seriesKey, result: m ? { computedAt: '2025-02-01T10:00:00Z', algorithmVersion: current ? '2' : '1', current, measures: m } : null };
}

const common = { project, visits: [baselineVisit, week52Visit], ct: NO_CT_EVIDENCE, acquisition: null, settings: DEFAULT_REPORT_SETTINGS, softwareVersion: 't', generatedAt: 'now' };

describe('densitometry in the subject report', () => {
  it('whole lung and each lung: baseline, endpoint, change and relative change worked by hand; kernel warning', () => {
    const report = buildSubjectReport({
      ...common,
      subject: subject('s1'),
      sessions: [baselineSession, endpointSession],
      deidentify: false,
      densitometry: { baseline: [stored('/b', baselineDensity)], endpoint: [stored('/e', endpointDensity)] },
    });
    const section = report.densitometry;
    expect(section.status).toBe('compared');
    expect(section.rows).toHaveLength(15);
    const row = (csv: string) => section.rows.find((candidate) => candidate.csvMeasure === csv)!;
    // 3600 - 4000 = -400 mL, -400 / 4000 = -10 %.
    expect(row('ct_density_whole_volume_ml').change).toEqual({ baseline: 4000, endpoint: 3600, absolute: -400, relativePercent: -10 });
    // -760 - (-800) = +40 HU, 40 / 800 = +5 % (denser).
    expect(row('ct_density_whole_mld_hu').change).toEqual({ baseline: -800, endpoint: -760, absolute: 40, relativePercent: 5 });
    // HAA 10 -> 15 %: +5 points, +50 %.
    expect(row('ct_density_whole_haa_percent').change).toEqual({ baseline: 10, endpoint: 15, absolute: 5, relativePercent: 50 });
    expect(row('ct_density_whole_laa950_percent').change).toEqual({ baseline: 2, endpoint: 1, absolute: -1, relativePercent: -50 });
    expect(row('ct_density_whole_p15_hu').change).toEqual({ baseline: -900, endpoint: -880, absolute: 20, relativePercent: expect.closeTo(2.2222, 3) });
    // Right lung HAA 8 -> 13: +5 points, +62.5 %; left lung volume 1800 -> 1600: -200 mL.
    expect(row('ct_density_right_haa_percent').change).toMatchObject({ absolute: 5, relativePercent: 62.5 });
    expect(row('ct_density_left_volume_ml').change).toMatchObject({ absolute: -200 });
    expect(section.warnings.map((warning) => warning.kind)).toEqual(['kernel']);
    expect(section.message).toMatch(/acquired differently/);
    expect(section.baseline).toMatchObject({ status: 'stored', seriesKey: '/b', algorithmVersion: '2' });

    const rows = longFormatRows(report).filter((csv) => csv.value_source === 'densitometry');
    expect(rows).toHaveLength(45);
    const haa = rows.filter((csv) => csv.measure === 'ct_density_whole_haa_percent');
    expect(haa.map((csv) => [csv.role, csv.value, csv.unit])).toEqual([
      ['baseline', 10, '%'],
      ['endpoint', 15, '%'],
      ['change', 5, '%'],
    ]);
    expect(haa[2]).toMatchObject({ kind: 'change', relative_change_percent: 50, visit_label: 'Week 52', region: '' });
    expect(haa[2]!.note).toMatch(/Reconstruction kernel differs \(B30f vs B70f\)/);
    expect(haa[0]).toMatchObject({ visit_label: 'Baseline', test_date: '2025-01-08', kind: 'observation' });
    const mld = rows.find((csv) => csv.measure === 'ct_density_left_mld_hu' && csv.role === 'change')!;
    expect(mld).toMatchObject({ value: 40, unit: "[hnsf'U]", region: 'left' });

    // Every densitometry measure name is in the data dictionary; the column entries stay first.
    const dictionary = dataDictionaryCsv();
    for (const name of new Set(rows.map((csv) => String(csv.measure)))) expect(dictionary).toContain(`measure=${name},`);
    expect(dictionary.split('\r\n')).toHaveLength(1 + DATA_DICTIONARY.length + 15 + 1);
  });

  it('says what is missing instead of computing: no series, not stored, older algorithm, one side only', () => {
    const none = densitometrySection(null, false);
    expect(none).toMatchObject({ status: 'not-available', rows: [], warnings: [] });
    expect(none.baseline.message).toBe('No CT series linked to the baseline visit.');

    const notStored = densitometrySection({ baseline: [stored('/b', null)], endpoint: [stored('/e', endpointDensity, false)] }, false);
    expect(notStored.status).toBe('not-available');
    expect(notStored.baseline).toMatchObject({ status: 'not-stored', seriesKey: '/b' });
    expect(notStored.baseline.message).toMatch(/No densitometry stored for the baseline series: open it in the viewer and press D/);
    expect(notStored.endpoint.status).toBe('outdated');
    expect(notStored.endpoint.message).toMatch(/older algorithm version \(1\)/);

    const partial = densitometrySection({ baseline: [stored('/b1', null), stored('/b2', baselineDensity)], endpoint: [stored('/e', null)] }, true);
    expect(partial.status).toBe('partial');
    // De-identified: no series key (it encodes a folder path) and no calendar date, not even the computation's.
    expect(partial.baseline).toMatchObject({ status: 'stored', seriesKey: '', computedAt: null });
    expect(partial.baseline.message).toBe('Densitometry of the baseline series stored (algorithm version 2).');
    expect(densitometrySection({ baseline: [stored('/b', baselineDensity)], endpoint: [] }, false).baseline.message).toBe(
      'Densitometry of the baseline series stored 2025-02-01 (algorithm version 2).',
    );
    expect(partial.rows.find((row) => row.csvMeasure === 'ct_density_whole_haa_percent')!.change).toEqual({ baseline: 10, endpoint: null, absolute: null, relativePercent: null });
    expect(partial.message).toMatch(/baseline scan only/);
  });

  it('a report without densitometry input has no densitometry rows in the CSV', () => {
    const report = buildSubjectReport({ ...common, subject: subject('s1'), sessions: [baselineSession, endpointSession], deidentify: false });
    expect(report.densitometry.status).toBe('not-available');
    expect(longFormatRows(report).some((row) => row.value_source === 'densitometry')).toBe(false);
  });
});
