import { describe, expect, it } from 'vitest';
import { ctChange } from '../../../shared/reports/ctChange';
import { NO_CT_EVIDENCE, type CtEvidence } from '../../../shared/reports/ctEvidence';
import type { CtReadTotals } from '../../../shared/reports/ctReadTotals';
import { ctRepeatability } from '../../../shared/reports/ctRepeatability';
import { acquisitionDifferences, type AcquisitionFacts } from '../../../shared/reports/acquisitionFacts';

let nextId = 0;
function read(readerId: string, visitId: string, seriesKey: string, lobes: [number, number]): CtReadTotals {
  return {
    readId: `read-${nextId++}`,
    version: 1,
    systemId: 'kaz',
    systemName: 'Kazerooni',
    readerId,
    readerName: readerId === 'r1' ? 'Dr One' : 'Dr Two',
    seriesKey,
    visitId,
    signedAt: '2026-02-01T10:00:00Z',
    sessionName: null,
    totals: [
      {
        id: 'totalSum',
        label: 'Total score, sum over lobes',
        value: lobes[0] + lobes[1],
        component: 'overall',
        unit: 'points',
        aggregate: 'sum',
        primary: true,
        perRegion: [
          { region: 'RUL', label: 'Right upper lobe', value: lobes[0] },
          { region: 'RLL', label: 'Right lower lobe', value: lobes[1] },
        ],
      },
    ],
  };
}

describe('ctChange', () => {
  it('no reads: says so', () => {
    expect(ctChange(NO_CT_EVIDENCE, 'v0', 'v52', {})).toMatchObject({ status: 'no-reads', totals: [] });
  });

  // Worked by hand. Reader 1 read the baseline series twice (10 and 12: mean 11), endpoint 16;
  // reader 2: 14 -> 15. Reader means 12.5 -> 15.5 (change 3). The readers differed by 3 at
  // baseline and a third reader adjudicated 13 there: the change is computed on 13 -> 15.5 = +2.5,
  // relative 2.5 / 13 = 19.23 %. Repeat reads 10 and 12: s_w^2 = ((10-11)^2 + (12-11)^2) / 1 = 2,
  // repeatability coefficient 1.96 x sqrt(2) x sqrt(2) = 3.92 > 2.5. Threshold 2: worse; 3: stable.
  // Per lobe (reader means): RUL (4.5 + 6)/2 = 5.25 -> (7 + 6)/2 = 6.5; RLL 7.25 -> 9.
  const reads = [read('r1', 'v0', 'b', [4, 6]), read('r1', 'v0', 'b', [5, 7]), read('r1', 'v52', 'e', [7, 9]), read('r2', 'v0', 'b', [6, 8]), read('r2', 'v52', 'e', [6, 9])];
  const evidence: CtEvidence = {
    reads,
    adjudications: [{ systemId: 'kaz', totalId: 'totalSum', seriesKey: 'b', visitId: 'v0', value: 13, adjudicatorName: 'Dr Three', sessionName: 'S1', note: '' }],
    repeatability: ctRepeatability(reads),
    notes: [],
  };

  it('two readers, a repeat read and an adjudication', () => {
    const section = ctChange(evidence, 'v0', 'v52', { 'kaz/totalSum': 2 });
    const total = section.totals[0]!;
    expect(total.readers.map((reader) => [reader.readerName, reader.baseline, reader.endpoint, reader.change, reader.baselineReads])).toEqual([
      ['Dr One', 11, 16, 5, 2],
      ['Dr Two', 14, 15, 1, 1],
    ]);
    expect(total.meanBaseline).toBe(12.5);
    expect(total.meanEndpoint).toBe(15.5);
    expect(total.meanChange).toBe(3);
    // The adjudicated value sits beside the readers' values, which are unchanged.
    expect(total.adjudicatedBaseline).toBe(13);
    expect(total.adjudicatedEndpoint).toBeNull();
    expect([total.baseline, total.baselineSource, total.endpoint, total.endpointSource]).toEqual([13, 'adjudicated', 15.5, 'reader-mean']);
    expect(total.change).toBe(2.5);
    expect(total.relativePercent).toBeCloseTo(19.2308, 3);
    expect(total.smallestDetectableChange).toBeCloseTo(3.92, 10);
    expect(total.smallestDetectableChangeSource).toContain('from 1 series read twice');
    expect(total.exceedsSmallestDetectableChange).toBe(false);
    expect(total.threshold).toBe(2);
    expect(total.category).toBe('worse');
    expect(total.regions).toEqual([
      { region: 'RUL', label: 'Right upper lobe', meanBaseline: 5.25, meanEndpoint: 6.5, change: 1.25 },
      { region: 'RLL', label: 'Right lower lobe', meanBaseline: 7.25, meanEndpoint: 9, change: 1.75 },
    ]);
    expect(section.readers).toHaveLength(5);
    expect(total.adjudications[0]).not.toHaveProperty('seriesKey');
  });

  it('numbers the readers by name, not by which read was signed first (the demo signs both in one millisecond)', () => {
    const secondFirst: CtEvidence = { ...evidence, reads: [...reads].reverse(), adjudications: [] };
    const total = ctChange(secondFirst, 'v0', 'v52', {}).totals[0]!;
    expect(total.readers.map((reader) => reader.readerName)).toEqual(['Dr One', 'Dr Two']);
  });

  it('the call follows the threshold; without one it says so; a single reader is labelled', () => {
    expect(ctChange(evidence, 'v0', 'v52', { 'kaz/totalSum': 3 }).totals[0]!.category).toBe('stable');
    expect(ctChange(evidence, 'v0', 'v52', {}).totals[0]!.category).toBe('no-threshold');
    const improving: CtEvidence = { ...NO_CT_EVIDENCE, reads: [read('r1', 'v0', 'b', [5, 5]), read('r1', 'v52', 'e', [2, 3])] };
    const total = ctChange(improving, 'v0', 'v52', { 'kaz/totalSum': 2 }).totals[0]!;
    expect([total.change, total.category, total.baselineSource, total.smallestDetectableChange]).toEqual([-5, 'improved', 'single-reader', null]);
    expect(total.smallestDetectableChangeSource).toContain('No repeat reads');
    const baselineOnly: CtEvidence = { ...NO_CT_EVIDENCE, reads: [read('r1', 'v0', 'b', [5, 5])] };
    expect(ctChange(baselineOnly, 'v0', 'v52', { 'kaz/totalSum': 2 }).totals[0]!.category).toBe('not-evaluable');
  });
});

describe('acquisitionDifferences', () => {
  const base: AcquisitionFacts = {
    seriesKey: 'a',
    visitId: 'v0',
    SliceThickness: 1,
    ConvolutionKernel: 'B70f',
    contrast: false,
    PatientPosition: 'HFS',
    respiratoryPhase: 'inspiration',
    Manufacturer: 'SIEMENS',
    ManufacturerModelName: 'SOMATOM Force',
    KVP: 120,
  };
  it('flags thickness, kernel, contrast, position, manufacturer and phase; nothing when they match', () => {
    expect(acquisitionDifferences(base, { ...base, seriesKey: 'b', ConvolutionKernel: 'b70F', Manufacturer: 'Siemens ' })).toEqual([]);
    const warnings = acquisitionDifferences(base, {
      ...base,
      SliceThickness: 5,
      ConvolutionKernel: 'B30f',
      contrast: true,
      PatientPosition: 'HFP',
      respiratoryPhase: 'expiration',
      Manufacturer: 'GE MEDICAL SYSTEMS',
    });
    expect(warnings).toEqual([
      'Slice thickness differs: 1 mm at baseline, 5 mm at endpoint.',
      'Reconstruction kernel differs: B70f at baseline, B30f at endpoint.',
      'Contrast differs: without contrast at baseline, with at endpoint.',
      'Patient position differs: supine at baseline, prone at endpoint.',
      'Scanner manufacturer differs: SIEMENS at baseline, GE MEDICAL SYSTEMS at endpoint.',
      'Respiratory phase differs: inspiration at baseline, expiration at endpoint.',
    ]);
  });
  it('unknown facts are not compared (no false alarm)', () => {
    expect(acquisitionDifferences(base, { ...base, SliceThickness: null, ConvolutionKernel: null, contrast: null, PatientPosition: null, Manufacturer: null })).toEqual([]);
  });
});
