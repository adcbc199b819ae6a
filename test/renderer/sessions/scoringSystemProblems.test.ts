import { describe, expect, it } from 'vitest';
import { scoringSystemProblemLines } from '../../../renderer/features/sessions/scoringSystemProblems';

describe('the import screen’s problem lines', () => {
  it('name the place once, then what to fix; the import’s own problems read the same', () => {
    expect(
      scoringSystemProblemLines({
        'items[1].scale.grades': 'items[1].scale.grades: needs at least two grades (in item "fibrosis")',
        '(root)': 'the whole file: should be one JSON object { … } holding the definition, not a list [ … ]',
        '(file)': 'The text is not valid JSON: Unexpected end of JSON input',
        id: '"kazerooni-1997" is the id of a built-in system; choose another id.',
      }),
    ).toEqual([
      { place: 'items[1].scale.grades', text: 'needs at least two grades (in item "fibrosis")' },
      { place: 'The whole file', text: 'should be one JSON object { … } holding the definition, not a list [ … ]' },
      { place: 'The whole file', text: 'The text is not valid JSON: Unexpected end of JSON input' },
      { place: 'id', text: '"kazerooni-1997" is the id of a built-in system; choose another id.' },
    ]);
  });
});
