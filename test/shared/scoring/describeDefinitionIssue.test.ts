import { describe, expect, it } from 'vitest';
import { loadScoringSystem } from '../../../shared/scoring/loadScoringSystem';
import { placeOfDefinitionIssue } from '../../../shared/scoring/describeDefinitionIssue';
import { kazerooni } from '../../../shared/scoring/systems/kazerooni';

/** A study's own system as JSON, to break in one place per test. */
const study = (): Record<string, unknown> & { items: Record<string, unknown>[]; totals: Record<string, unknown>[] } =>
  JSON.parse(JSON.stringify({ ...kazerooni, id: 'study-score', name: 'Study score', version: '1' }));

/** The refusal messages, in order, for a definition that must be refused. */
function refusal(definition: unknown, file?: string): string[] {
  const loaded = loadScoringSystem(definition, file);
  if (loaded.ok) throw new Error('the definition should have been refused');
  return loaded.error.map((problem) => problem.message);
}

/** zod's own words, which a trial coordinator should never have to read. */
const ZOD_WORDING = /Too small|Too big|Invalid input|Invalid option|Invalid discriminator|expected (array|string|number|object)|received|>=|<=/;

describe('a broken scoring-system definition is explained in a coordinator’s words, at its place in the file', () => {
  it('an empty list: says how many entries are needed, and of what', () => {
    const definition = study();
    definition.totals = [];
    definition.items[1]!.scale = { kind: 'ordinal', grades: [{ value: 0, label: 'None', definition: 'no disease' }] };
    expect(refusal(definition)).toEqual([
      'items[1].scale.grades: needs at least two grades (in item "fibrosis")',
      'totals: needs at least one total',
    ]);
  });

  it('a missing field, and a value of the wrong type: says what should be there and what is', () => {
    const definition = study();
    delete definition.items[0]!.label;
    definition.items[1]!.scale = { kind: 'percent', increment: 'ten' };
    definition.items[1]!.required = 'yes';
    definition.name = '';
    expect(refusal(definition)).toEqual([
      'name: must not be empty',
      'items[0].label: is missing: it should be a text in quotes (in item "groundGlass")',
      'items[1].scale.increment: should be a number or an object { … }, not the text "ten" (in item "fibrosis")',
      'items[1].required: should be true or false or an object { … }, not the text "yes" (in item "fibrosis")',
    ]);
  });

  it('a word the format does not know: lists the words it does', () => {
    const definition = study();
    definition.items[0]!.scale = { kind: 'pct' };
    definition.totals[0]!.unit = 'pts';
    definition.formatVersion = 2;
    expect(refusal(definition)).toEqual([
      'formatVersion: must be 1, not the number 2',
      'items[0].scale.kind: the text "pct" is not one of "ordinal", "percent" or "count" (in item "groundGlass")',
      'totals[0].unit: must be one of "points" or "percent", not the text "pts" (in total "groundGlassSum")',
    ]);
  });

  it('an unusable id, a mistake inside a condition, and a file that is not one object', () => {
    const definition = study();
    definition.id = '1st score';
    definition.items[1]!.required = { type: 'setting', in: ['a'] };
    expect(refusal(definition, 'study.json')).toEqual([
      'study.json: id: the text "1st score" cannot be used: an id starts with a letter, followed by letters, digits, _ . or - (at most 80 characters, no spaces)',
      'study.json: items[1].required.setting: is missing: it should be a text in quotes (in item "fibrosis")',
    ]);
    expect(refusal([])).toEqual(['the whole file: should be one JSON object { … } holding the definition, not a list [ … ]']);
  });

  it('never passes zod’s own wording through, whatever is broken', () => {
    const definition = study();
    definition.totals = [];
    definition.citation = [];
    definition.regions = 'all';
    definition.items[0]!.scale = { kind: 'count', min: 0.5, max: 3, unit: 'cysts' };
    definition.items[1]!.absentValue = '0';
    for (const message of [...refusal(definition), ...refusal({ formatVersion: 1 }), ...refusal('text')]) {
      expect(message).not.toMatch(ZOD_WORDING);
    }
    expect(refusal(definition)).toContain('items[0].scale.min: should be a whole number, not the number 0.5 (in item "groundGlass")');
  });

  it('writes places in JSON-path form, as in the checks across fields', () => {
    expect(placeOfDefinitionIssue(['items', 2, 'scale', 'grades'])).toBe('items[2].scale.grades');
    expect(placeOfDefinitionIssue(['constants', 'w cons', 'value'])).toBe('constants["w cons"].value');
    expect(placeOfDefinitionIssue([])).toBe('');
    const definition = study();
    definition.totals = [{ ...definition.totals[0]!, perRegion: { op: 'item', item: 'honeycombing' } }];
    expect(refusal(definition)).toEqual(['totals[0].perRegion: no item "honeycombing"']);
  });
});
