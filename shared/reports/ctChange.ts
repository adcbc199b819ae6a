import { assertNever } from '../result';
import type { TotalComponent } from '../scoring/ScoringSystemDefinition';
import type { CtAdjudicatedValue, CtEvidence, CtRepeatability } from './ctEvidence';
import type { CtReadTotal, CtReadTotals } from './ctReadTotals';

/**
 * CT score change between the baseline and endpoint visits (change-criteria.md "CT change"; issue 7):
 * per scoring system and total, each reader's value at both visits, the reader mean, the adjudicated
 * value where a third reader gave one (shown beside the readers' values, never replacing them), and
 * the value the change is computed on: the adjudicated value where one exists, else the reader mean
 * (typical trial practice: two blinded readers, a third adjudicates where they differ by more than a
 * preset amount). Then the absolute and relative change, the smallest detectable change from repeat
 * reads, and a categorical call against the study's threshold, each with its source. Higher scores
 * mean more disease in every supported system (extent or severity), so a rise is "worse".
 */
export const CT_CATEGORIES = ['improved', 'stable', 'worse', 'no-threshold', 'not-evaluable'] as const;
export type CtCategory = (typeof CT_CATEGORIES)[number];

/** Where the value a change is computed on comes from. */
export const CT_VALUE_SOURCES = ['adjudicated', 'reader-mean', 'single-reader'] as const;
export type CtValueSource = (typeof CT_VALUE_SOURCES)[number];

export function ctValueSourceLabel(source: CtValueSource): string {
  switch (source) {
    case 'adjudicated':
      return 'adjudicated';
    case 'reader-mean':
      return 'reader mean';
    case 'single-reader':
      return 'single reader';
    default:
      return assertNever(source, 'CT value source');
  }
}

export function ctCategoryLabel(category: CtCategory): string {
  switch (category) {
    case 'improved':
      return 'improved';
    case 'stable':
      return 'stable';
    case 'worse':
      return 'worse';
    case 'no-threshold':
      return 'no threshold';
    case 'not-evaluable':
      return 'not evaluable';
    default:
      return assertNever(category, 'CT category');
  }
}

export interface CtReaderValues {
  readerId: string;
  readerName: string;
  /** Mean of this reader's reads at the visit (several when a series was read twice). */
  baseline: number | null;
  endpoint: number | null;
  change: number | null;
  baselineReads: number;
  endpointReads: number;
}

/** One zone, level or lobe of a total built per region: reader means at both visits. */
export interface CtRegionChange {
  region: string;
  label: string;
  meanBaseline: number | null;
  meanEndpoint: number | null;
  change: number | null;
}

export interface CtTotalChange {
  systemId: string;
  systemName: string;
  totalId: string;
  label: string;
  component: TotalComponent;
  unit: 'points' | 'percent';
  primary: boolean;
  readers: CtReaderValues[];
  meanBaseline: number | null;
  meanEndpoint: number | null;
  meanChange: number | null;
  /** The third reader's values (null where none); the readers' values above stay as they were. */
  adjudicatedBaseline: number | null;
  adjudicatedEndpoint: number | null;
  /** Without series keys: a key carries the folder path, which can name the patient. */
  adjudications: Omit<CtAdjudicatedValue, 'seriesKey'>[];
  /** The values the change is computed on, and where each comes from. */
  baseline: number | null;
  endpoint: number | null;
  baselineSource: CtValueSource | null;
  endpointSource: CtValueSource | null;
  change: number | null;
  relativePercent: number | null;
  smallestDetectableChange: number | null;
  smallestDetectableChangeSource: string;
  /** |change| >= smallest detectable change; null when either is unknown. */
  exceedsSmallestDetectableChange: boolean | null;
  threshold: number | null;
  thresholdSource: string;
  category: CtCategory;
  /** Per zone/level/lobe; empty when another total of the system already shows the same regions. */
  regions: CtRegionChange[];
}

export interface CtSectionReader {
  readerName: string;
  signedAt: string;
  systemId: string;
  systemName: string;
  visit: 'baseline' | 'endpoint';
  version: number;
  sessionName: string | null;
}

export interface CtSection {
  status: 'no-reads' | 'reads';
  message: string;
  totals: CtTotalChange[];
  readers: CtSectionReader[];
  /** What was left out and why (from the evidence), e.g. reads of a session still blinded. */
  notes: string[];
}

export const CT_THRESHOLD_SOURCE =
  'the study setting (report settings). No validated minimal important difference exists for Goh, Kazerooni, Warrick or Ichikado scores (change-criteria.md).';

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function difference(endpoint: number | null, baseline: number | null): number | null {
  return endpoint !== null && baseline !== null ? endpoint - baseline : null;
}

function sdcSource(repeatability: CtRepeatability | undefined): string {
  if (!repeatability) return 'No repeat reads of this total in the project: the smallest detectable change cannot be estimated.';
  return (
    `Repeatability coefficient 1.96 × √2 × within-reader SD (${repeatability.withinSubjectSd.toFixed(2)}) from ${repeatability.series} ` +
    `series read twice or more by the same reader in this project (Bland & Altman 1996). Applies to a single read.`
  );
}

function categoryOf(change: number | null, threshold: number | null): CtCategory {
  if (change === null) return 'not-evaluable';
  if (threshold === null) return 'no-threshold';
  if (change >= threshold) return 'worse';
  if (change <= -threshold) return 'improved';
  return 'stable';
}

function consensus(readerMean: number | null, readerCount: number, adjudicated: number | null): { value: number | null; source: CtValueSource | null } {
  if (adjudicated !== null) return { value: adjudicated, source: 'adjudicated' };
  if (readerMean === null) return { value: null, source: null };
  return { value: readerMean, source: readerCount > 1 ? 'reader-mean' : 'single-reader' };
}

export function ctChange(evidence: CtEvidence, baselineVisitId: string | null, endpointVisitId: string | null, thresholds: Record<string, number>): CtSection {
  const visitOf = (visitId: string): 'baseline' | 'endpoint' | null =>
    visitId === baselineVisitId ? 'baseline' : visitId === endpointVisitId ? 'endpoint' : null;
  const relevant = evidence.reads.filter((read) => visitOf(read.visitId) !== null);
  if (relevant.length === 0) {
    return {
      status: 'no-reads',
      message: 'No signed CT reads yet for the baseline or endpoint visit.',
      totals: [],
      readers: [],
      notes: evidence.notes,
    };
  }
  const metas = new Map<string, { read: CtReadTotals; total: CtReadTotal }>();
  for (const read of relevant) for (const total of read.totals) if (!metas.has(`${read.systemId}/${total.id}`)) metas.set(`${read.systemId}/${total.id}`, { read, total });
  const shownRegions = new Set<string>();
  const totals: CtTotalChange[] = [];
  for (const [key, { read: sample, total: meta }] of metas) {
    const systemReads = relevant.filter((read) => read.systemId === sample.systemId);
    const valuesAt = (readerId: string, visit: 'baseline' | 'endpoint') =>
      systemReads
        .filter((read) => read.readerId === readerId && visitOf(read.visitId) === visit)
        .flatMap((read) => read.totals.filter((total) => total.id === meta.id).map((total) => total.value));
    // Readers in a fixed order (by name, then id) so R1/R2 mean the same readers in every report,
    // whichever read happened to be signed first (the demo's readers sign within the same millisecond).
    const readerIds = [...new Map(systemReads.map((read) => [read.readerId, read.readerName])).entries()]
      .sort(([idA, nameA], [idB, nameB]) => nameA.localeCompare(nameB) || idA.localeCompare(idB))
      .map(([readerId]) => readerId);
    const readers: CtReaderValues[] = readerIds.map((readerId) => {
      const baselineValues = valuesAt(readerId, 'baseline');
      const endpointValues = valuesAt(readerId, 'endpoint');
      const baseline = mean(baselineValues);
      const endpoint = mean(endpointValues);
      return {
        readerId,
        readerName: systemReads.find((read) => read.readerId === readerId)?.readerName ?? readerId,
        baseline,
        endpoint,
        change: difference(endpoint, baseline),
        baselineReads: baselineValues.length,
        endpointReads: endpointValues.length,
      };
    });
    const baselineReaders = readers.flatMap((reader) => (reader.baseline === null ? [] : [reader.baseline]));
    const endpointReaders = readers.flatMap((reader) => (reader.endpoint === null ? [] : [reader.endpoint]));
    const meanBaseline = mean(baselineReaders);
    const meanEndpoint = mean(endpointReaders);
    const adjudications = evidence.adjudications.filter(
      (entry) => entry.systemId === sample.systemId && entry.totalId === meta.id && visitOf(entry.visitId) !== null,
    );
    const adjudicatedAt = (visit: 'baseline' | 'endpoint') => mean(adjudications.filter((entry) => visitOf(entry.visitId) === visit).map((entry) => entry.value));
    const adjudicatedBaseline = adjudicatedAt('baseline');
    const adjudicatedEndpoint = adjudicatedAt('endpoint');
    const used = { baseline: consensus(meanBaseline, baselineReaders.length, adjudicatedBaseline), endpoint: consensus(meanEndpoint, endpointReaders.length, adjudicatedEndpoint) };
    const change = difference(used.endpoint.value, used.baseline.value);
    const repeatability = evidence.repeatability.find((entry) => entry.systemId === sample.systemId && entry.totalId === meta.id);
    const threshold = thresholds[key] ?? null;

    let regions: CtRegionChange[] = [];
    const regionSignature = `${sample.systemId}|${meta.component}|${(meta.perRegion ?? []).map((region) => region.region).join(',')}`;
    if (meta.perRegion && meta.perRegion.length > 0 && !shownRegions.has(regionSignature)) {
      shownRegions.add(regionSignature);
      const regionValuesAt = (region: string, visit: 'baseline' | 'endpoint') =>
        mean(
          readerIds.flatMap((readerId) => {
            const values = systemReads
              .filter((read) => read.readerId === readerId && visitOf(read.visitId) === visit)
              .flatMap((read) => read.totals.filter((total) => total.id === meta.id).flatMap((total) => total.perRegion ?? []))
              .filter((entry) => entry.region === region && entry.value !== null)
              .map((entry) => entry.value as number);
            const readerMean = mean(values);
            return readerMean === null ? [] : [readerMean];
          }),
        );
      regions = meta.perRegion.map((region) => {
        const meanRegionBaseline = regionValuesAt(region.region, 'baseline');
        const meanRegionEndpoint = regionValuesAt(region.region, 'endpoint');
        return { region: region.region, label: region.label, meanBaseline: meanRegionBaseline, meanEndpoint: meanRegionEndpoint, change: difference(meanRegionEndpoint, meanRegionBaseline) };
      });
    }

    totals.push({
      systemId: sample.systemId,
      systemName: sample.systemName,
      totalId: meta.id,
      label: meta.label,
      component: meta.component,
      unit: meta.unit,
      primary: meta.primary === true,
      readers,
      meanBaseline,
      meanEndpoint,
      meanChange: difference(meanEndpoint, meanBaseline),
      adjudicatedBaseline,
      adjudicatedEndpoint,
      adjudications: adjudications.map(({ seriesKey: _seriesKey, ...rest }) => rest),
      baseline: used.baseline.value,
      endpoint: used.endpoint.value,
      baselineSource: used.baseline.source,
      endpointSource: used.endpoint.source,
      change,
      relativePercent: change !== null && used.baseline.value !== null && used.baseline.value !== 0 ? (change / used.baseline.value) * 100 : null,
      smallestDetectableChange: repeatability?.coefficient ?? null,
      smallestDetectableChangeSource: sdcSource(repeatability),
      exceedsSmallestDetectableChange: change === null || repeatability === undefined ? null : Math.abs(change) >= repeatability.coefficient,
      threshold,
      thresholdSource: threshold === null ? 'No study threshold set for this total (report settings).' : CT_THRESHOLD_SOURCE,
      category: categoryOf(change, threshold),
      regions,
    });
  }
  // Headline totals first, then each system's totals in their definition order.
  totals.sort((a, b) => a.systemId.localeCompare(b.systemId) || Number(b.primary) - Number(a.primary));
  const readers: CtSectionReader[] = relevant.map((read) => ({
    readerName: read.readerName,
    signedAt: read.signedAt,
    systemId: read.systemId,
    systemName: read.systemName,
    visit: visitOf(read.visitId) ?? 'baseline',
    version: read.version,
    sessionName: read.sessionName,
  }));
  return { status: 'reads', message: `${relevant.length} signed read(s) at the two visits.`, totals, readers, notes: evidence.notes };
}
