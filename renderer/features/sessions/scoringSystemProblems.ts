import { WHOLE_FILE } from '../../../shared/scoring/describeDefinitionIssue';

export interface ScoringSystemProblemLine {
  /** "The whole file", or the place in JSON-path form, e.g. `items[2].scale.grades`. */
  place: string;
  /** What to fix there, without the place repeated. */
  text: string;
}

/** The keys the import task uses for problems with no place inside the definition (see importScoringSystem). */
const WHOLE_FILE_KEYS = new Set(['(root)', '(file)', '']);

/**
 * The import's refusal (field -> message) as lines for the coordinator: the place once, then what to
 * fix. loadScoringSystem's messages open with their place (`items[2].scale.grades: needs…`), the
 * import's own (not JSON, a built-in id) do not; both read the same here.
 */
export function scoringSystemProblemLines(fields: Readonly<Record<string, string>>): ScoringSystemProblemLine[] {
  return Object.entries(fields).map(([where, message]) => {
    const wholeFile = WHOLE_FILE_KEYS.has(where);
    const prefix = `${wholeFile ? WHOLE_FILE : where}: `;
    return {
      place: wholeFile ? 'The whole file' : where,
      text: message.startsWith(prefix) ? message.slice(prefix.length) : message,
    };
  });
}
