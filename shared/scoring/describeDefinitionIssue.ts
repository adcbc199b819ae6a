import type { z } from 'zod';

/**
 * Turns what the schema (zod) says about a scoring-system definition into words a trial
 * coordinator can act on: zod says "Too small: expected array to have >=1 items", the coordinator
 * reads "totals: needs at least one total": the place in the file, then what to fix there.
 */

/** How a message names the place of a problem with the file as a whole (where = ''). */
export const WHOLE_FILE = 'the whole file';

/** A place in the definition file in the usual JSON-path form, e.g. `items[2].scale.grades`; '' for the whole file. */
export function placeOfDefinitionIssue(path: readonly PropertyKey[]): string {
  let place = '';
  for (const segment of path) {
    if (typeof segment === 'number') place += `[${segment}]`;
    else {
      const key = String(segment);
      place += /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${place === '' ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`;
    }
  }
  return place;
}

/** What one entry of each list of the format is called (the list's name is the plural). */
const ENTRY_NOUNS: Readonly<Record<string, string>> = {
  items: 'item',
  grades: 'grade',
  options: 'option',
  regions: 'region',
  totals: 'total',
  settings: 'setting',
  constraints: 'constraint',
  citation: 'citation',
  verification: 'verification note',
  rows: 'row',
  terms: 'term',
  factors: 'factor',
  conditions: 'condition',
  in: 'value',
};

const NUMBER_WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function counted(count: number, listName: string | undefined): string {
  const noun = (listName !== undefined && ENTRY_NOUNS[listName]) || 'entry';
  const plural = count === 1 ? noun : noun === 'entry' ? 'entries' : `${noun}s`;
  return `${NUMBER_WORDS[count] ?? String(count)} ${plural}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** A value as the coordinator typed it, shortened. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list [ … ]';
  return 'an object { … }';
}

/** What zod's `expected` type names mean in a JSON file. */
function kindOf(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a text in quotes';
    case 'number':
      return 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list [ … ]';
    case 'object':
    case 'record':
      return 'an object { … }';
    default:
      return `a ${expected}`;
  }
}

function oneOf(values: readonly unknown[]): string {
  const shownValues = values.map((v) => JSON.stringify(v));
  return shownValues.length <= 1 ? (shownValues[0] ?? '') : `${shownValues.slice(0, -1).join(', ')} or ${shownValues[shownValues.length - 1]}`;
}

/** The item, region, total… the place is in, by its id: `items[2]` is easier to find as item "fibrosis". */
function entryNamed(root: unknown, path: readonly PropertyKey[]): string | undefined {
  let named: string | undefined;
  let value = root;
  for (let i = 0; i < path.length; i++) {
    if (value === null || typeof value !== 'object') break;
    value = (value as Record<PropertyKey, unknown>)[path[i]!];
    const listName = path[i - 1];
    if (typeof path[i] === 'number' && typeof listName === 'string' && ENTRY_NOUNS[listName] && i < path.length - 1) {
      const id = (value as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id !== '') named = `${ENTRY_NOUNS[listName]} ${JSON.stringify(id)}`;
    }
  }
  return named;
}

type Issue = z.core.$ZodIssue;

/** The union branches whose problem is the value's own type: the value is not of that branch's kind at all. */
function isTypeMismatch(issues: readonly Issue[]): boolean {
  return issues.length === 1 && issues[0]!.path.length === 0 && (issues[0]!.code === 'invalid_type' || issues[0]!.code === 'invalid_union');
}

/** What is wrong at the place, in words (without the place itself). */
function describeAt(issue: Issue, root: unknown, path: readonly PropertyKey[]): string {
  const value = valueAt(root, path);
  const listName = [...path].reverse().find((segment): segment is string => typeof segment === 'string');
  const last = path[path.length - 1];
  // A switch over zod's issue codes, not ours: zod may add codes, so the last case keeps zod's own words.
  switch (issue.code) {
    case 'invalid_type':
      if (path.length === 0) return `should be one JSON object { … } holding the definition, not ${shown(value)}`;
      return value === undefined ? `is missing: it should be ${kindOf(issue.expected)}` : `should be ${kindOf(issue.expected)}, not ${shown(value)}`;
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') return `needs at least ${counted(minimum, typeof last === 'string' ? last : listName)}`;
      if (issue.origin === 'string') return minimum <= 1 ? 'must not be empty' : `needs at least ${minimum} characters`;
      return issue.inclusive ? `must be ${minimum} or more, not ${shown(value)}` : `must be more than ${minimum}, not ${shown(value)}`;
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return `may hold at most ${counted(maximum, typeof last === 'string' ? last : listName)}`;
      if (issue.origin === 'string') return `is too long: at most ${maximum} characters`;
      return issue.inclusive ? `must be ${maximum} or less, not ${shown(value)}` : `must be less than ${maximum}, not ${shown(value)}`;
    }
    case 'invalid_value':
      if (value === undefined) return `is missing: it should be ${issue.values.length === 1 ? oneOf(issue.values) : `one of ${oneOf(issue.values)}`}`;
      return issue.values.length === 1 ? `must be ${oneOf(issue.values)}, not ${shown(value)}` : `must be one of ${oneOf(issue.values)}, not ${shown(value)}`;
    case 'invalid_format':
      // The format's own message says what is allowed (see the id pattern in ScoringSystemDefinition).
      return `${shown(value)} cannot be used: ${issue.message}`;
    case 'invalid_union': {
      // A discriminated union (scale.kind, op, type…) names the field that chooses the branch.
      const options = 'options' in issue ? issue.options : undefined;
      if (issue.discriminator !== undefined && options) {
        return value === undefined ? `is missing: it should be one of ${oneOf(options)}` : `${shown(value)} is not one of ${oneOf(options)}`;
      }
      const kinds = issue.errors
        .map((branch) => branch[0])
        .filter((first): first is Extract<Issue, { code: 'invalid_type' }> => first?.code === 'invalid_type')
        .map((first) => kindOf(first.expected));
      return kinds.length > 0 ? `should be ${[...new Set(kinds)].join(' or ')}, not ${shown(value)}` : `does not fit any of the forms allowed here (${issue.message})`;
    }
    case 'unrecognized_keys':
      return `has fields this format does not know: ${oneOf(issue.keys)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, not ${shown(value)}`;
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
    default:
      return issue.message;
  }
}

/**
 * A value of one union branch's kind with a mistake inside (a condition object missing its setting)
 * is that mistake, at its own place: the union's "does not fit" would hide it.
 */
function innermost(issue: Issue, path: readonly PropertyKey[]): { issue: Issue; path: readonly PropertyKey[] } {
  if (issue.code !== 'invalid_union' || issue.discriminator !== undefined) return { issue, path };
  const sameKind = issue.errors.filter((branch) => branch.length > 0 && !isTypeMismatch(branch));
  if (sameKind.length !== 1) return { issue, path };
  const inner = sameKind[0]![0]!;
  return innermost(inner, [...path, ...inner.path]);
}

/**
 * What one schema issue means: its place in the file (`items[2].scale.grades`, '' for the whole
 * file) and what is wrong there in words, naming the entry it is in by its id when it has one.
 * `definition` is the parsed JSON the issue was found in.
 */
export function describeDefinitionIssue(issue: Issue, definition: unknown): { where: string; text: string } {
  const found = innermost(issue, issue.path);
  const text = describeAt(found.issue, definition, found.path);
  const entry = entryNamed(definition, found.path);
  return { where: placeOfDefinitionIssue(found.path), text: entry ? `${text} (in ${entry})` : text };
}
