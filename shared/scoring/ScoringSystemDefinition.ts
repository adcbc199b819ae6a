import { z } from 'zod';
import { conditionSchema, expressionSchema, type Condition, type Expression } from './expression';

/**
 * An HRCT scoring system as data (hrct-scoring.md, issue 5): its regions, the items the reader grades
 * in each region with their scales, the consistency rules between grades, and the totals as
 * formulas. The built-in systems (systems/) are written in this format, and a study can add its own
 * as JSON, checked by loadScoringSystem() before use.
 *
 * The reader's raw grades are the data (Grades.ts); every total is computed from them and labelled
 * with how (sum or mean over which regions), because papers compute "the same" total differently.
 */

/**
 * VERIFIED = confirmed in at least one source that restates the method; PARTLY = some parts
 * confirmed; UNVERIFIED = from secondary or remembered sources only (hrct-scoring.md). The UI shows
 * the info text next to the system.
 */
export type VerificationStatus = 'VERIFIED' | 'PARTLY' | 'UNVERIFIED';

export interface VerificationNote {
  /** What the note is about, e.g. "Warrick point values". */
  detail: string;
  status: VerificationStatus;
  /** For the reader: what is known, from where, and what to check. */
  info: string;
}

/** How a region is anchored on the images: one axial level, a zone between boundaries, a lobe, or the whole lung. */
export type RegionKind = 'level' | 'zone' | 'lobe' | 'lung';

export interface RegionDefinition {
  /** Stable id, stored with the grades (never renumber). */
  id: string;
  label: string;
  kind: RegionKind;
  side?: 'right' | 'left' | 'both';
  /** Anatomical landmark or boundary, shown to the reader. */
  description?: string;
  /** The region exists only under these settings (e.g. the lingula when six lobes are scored). */
  when?: Condition;
}

export interface OrdinalGrade {
  value: number;
  /** Short text for the form, e.g. "5-25 %". */
  label: string;
  /** The category as the paper defines it. */
  definition: string;
}

export type GradeScale =
  | { kind: 'ordinal'; grades: OrdinalGrade[] }
  | {
      kind: 'percent';
      /** Steps the reader estimates in (nearest 5 %, nearest 10 %), fixed or a numeric setting's id. */
      increment: number | { setting: string };
    }
  | { kind: 'count'; min: number; max: number; unit: string };

export type GradeScaleKind = GradeScale['kind'];

export interface ItemDefinition {
  id: string;
  label: string;
  scale: GradeScale;
  /** Graded only in these regions; every region when absent. */
  regions?: string[];
  /**
   * Whether the form is incomplete without this grade; true when absent. A condition makes it
   * depend on other grades (pattern shares are only needed where there is disease).
   */
  required?: boolean | Condition;
  /** Value a formula uses when the grade is absent and not required (e.g. 0 % honeycombing). */
  absentValue?: number;
  info?: string;
  status?: VerificationStatus;
}

/**
 * A sum of items within one region compared with a bound: `atMost` (sum <= bound) or `equals`
 * (sum == bound; a sum still short of it is reported as incomplete, not as an error, so that a form
 * being filled in is not flagged at every key press).
 */
export interface SumConstraint {
  type: 'sum';
  items: string[];
  relation: 'atMost' | 'equals';
  bound: Expression;
  when?: Condition;
  /** Why the rule exists, in the reader's words, appended to the message. */
  explanation?: string;
}

export type ConstraintDefinition = SumConstraint;

export interface ConstantDefinition {
  value: number;
  label: string;
  status?: VerificationStatus;
  info?: string;
}

export interface LookupRow {
  /** Inclusive range of the input. */
  min: number;
  max: number;
  value: number;
}

export interface LookupTable {
  label: string;
  rows: LookupRow[];
  status?: VerificationStatus;
  info?: string;
}

/** What a total measures, so reports can put ground glass and fibrosis side by side across systems. */
export type TotalComponent = 'overall' | 'groundGlass' | 'fibrosis' | 'pattern';

export type TotalUnit = 'points' | 'percent';

export type TotalAggregate = 'sum' | 'mean';

interface TotalBase {
  id: string;
  /** Says how the number is made, e.g. "Ground glass score, sum over lobes". */
  label: string;
  description?: string;
  unit: TotalUnit;
  component: TotalComponent;
  /** The headline number of the system (one per system). */
  primary?: boolean;
  status?: VerificationStatus;
  info?: string;
}

export type TotalDefinition =
  | (TotalBase & { kind: 'regions'; perRegion: Expression; aggregate: TotalAggregate; regions?: string[] })
  | (TotalBase & { kind: 'expression'; expression: Expression });

export type SettingDefinition =
  | {
      type: 'choice';
      id: string;
      label: string;
      options: { value: string; label: string; description?: string }[];
      default: string;
      info?: string;
      status?: VerificationStatus;
    }
  | {
      type: 'number';
      id: string;
      label: string;
      default: number;
      min?: number;
      max?: number;
      unit?: string;
      info?: string;
      status?: VerificationStatus;
    };

export interface ScoringSystemDefinition {
  formatVersion: 1;
  /** Stable id stored with every read, e.g. "kazerooni-1997". */
  id: string;
  /** Version of this definition; a read stores it so a later change cannot silently rescore it. */
  version: string;
  /** Precise name for the UI (hrct-scoring.md: "Wells score" alone is ambiguous). */
  name: string;
  citation: string[];
  description?: string;
  verification: VerificationNote[];
  settings: SettingDefinition[];
  regions: RegionDefinition[];
  items: ItemDefinition[];
  constants?: Record<string, ConstantDefinition>;
  tables?: Record<string, LookupTable>;
  constraints: ConstraintDefinition[];
  totals: TotalDefinition[];
}

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,79}$/, 'an id starts with a letter, followed by letters, digits, _ . or - (at most 80 characters, no spaces)');
const status = z.enum(['VERIFIED', 'PARTLY', 'UNVERIFIED']);

const scaleSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('ordinal'),
    grades: z
      .array(z.object({ value: z.number().finite(), label: z.string().min(1), definition: z.string() }))
      .min(2),
  }),
  z.object({
    kind: z.literal('percent'),
    increment: z.union([z.number().positive().max(100), z.object({ setting: id })]),
  }),
  z.object({ kind: z.literal('count'), min: z.number().int(), max: z.number().int(), unit: z.string() }),
]);

const totalBase = {
  id,
  label: z.string().min(1),
  description: z.string().optional(),
  unit: z.enum(['points', 'percent']),
  component: z.enum(['overall', 'groundGlass', 'fibrosis', 'pattern']),
  primary: z.boolean().optional(),
  status: status.optional(),
  info: z.string().optional(),
};

/** The structural schema; loadScoringSystem() adds the checks across fields (references, ids). */
export const scoringSystemDefinitionSchema = z.object({
  formatVersion: z.literal(1),
  id,
  version: z.string().min(1),
  name: z.string().min(1),
  citation: z.array(z.string().min(1)).min(1),
  description: z.string().optional(),
  verification: z.array(z.object({ detail: z.string().min(1), status, info: z.string() })),
  settings: z.array(
    z.discriminatedUnion('type', [
      z.object({
        type: z.literal('choice'),
        id,
        label: z.string().min(1),
        options: z
          .array(z.object({ value: z.string().min(1), label: z.string().min(1), description: z.string().optional() }))
          .min(1),
        default: z.string(),
        info: z.string().optional(),
        status: status.optional(),
      }),
      z.object({
        type: z.literal('number'),
        id,
        label: z.string().min(1),
        default: z.number().finite(),
        min: z.number().finite().optional(),
        max: z.number().finite().optional(),
        unit: z.string().optional(),
        info: z.string().optional(),
        status: status.optional(),
      }),
    ]),
  ),
  regions: z
    .array(
      z.object({
        id,
        label: z.string().min(1),
        kind: z.enum(['level', 'zone', 'lobe', 'lung']),
        side: z.enum(['right', 'left', 'both']).optional(),
        description: z.string().optional(),
        when: conditionSchema.optional(),
      }),
    )
    .min(1),
  items: z
    .array(
      z.object({
        id,
        label: z.string().min(1),
        scale: scaleSchema,
        regions: z.array(id).optional(),
        required: z.union([z.boolean(), conditionSchema]).optional(),
        absentValue: z.number().finite().optional(),
        info: z.string().optional(),
        status: status.optional(),
      }),
    )
    .min(1),
  constants: z
    .record(
      z.string(),
      z.object({ value: z.number().finite(), label: z.string(), status: status.optional(), info: z.string().optional() }),
    )
    .optional(),
  tables: z
    .record(
      z.string(),
      z.object({
        label: z.string(),
        rows: z.array(z.object({ min: z.number(), max: z.number(), value: z.number().finite() })).min(1),
        status: status.optional(),
        info: z.string().optional(),
      }),
    )
    .optional(),
  constraints: z.array(
    z.object({
      type: z.literal('sum'),
      items: z.array(id).min(1),
      relation: z.enum(['atMost', 'equals']),
      bound: expressionSchema,
      when: conditionSchema.optional(),
      explanation: z.string().optional(),
    }),
  ),
  totals: z
    .array(
      z.discriminatedUnion('kind', [
        z.object({
          ...totalBase,
          kind: z.literal('regions'),
          perRegion: expressionSchema,
          aggregate: z.enum(['sum', 'mean']),
          regions: z.array(id).optional(),
        }),
        z.object({ ...totalBase, kind: z.literal('expression'), expression: expressionSchema }),
      ]),
    )
    .min(1),
});
