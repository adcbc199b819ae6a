import { describe, expect, it } from 'vitest';
import { computeTotals } from '../../../shared/scoring/computeTotals';
import { loadScoringSystem } from '../../../shared/scoring/loadScoringSystem';
import { builtInScoringSystems } from '../../../shared/scoring/systems/builtInScoringSystems';

describe('loadScoringSystem', () => {
  it('accepts every built-in system, also after a round trip through JSON', () => {
    for (const system of builtInScoringSystems) {
      const loaded = loadScoringSystem(JSON.parse(JSON.stringify(system)));
      expect(loaded.ok ? 'ok' : loaded.error).toBe('ok');
    }
    expect(new Set(builtInScoringSystems.map((s) => s.id)).size).toBe(builtInScoringSystems.length);
  });

  it('every built-in system has exactly one primary total and shows its verification', () => {
    for (const system of builtInScoringSystems) {
      expect(system.totals.filter((t) => t.primary)).toHaveLength(1);
      expect(system.verification.length).toBeGreaterThan(0);
      expect(system.citation.length).toBeGreaterThan(0);
    }
  });

  it('a study-defined system in JSON works without code (a weighted GGO + consolidation score)', () => {
    const custom = {
      formatVersion: 1,
      id: 'study-weighted',
      version: '2026-11',
      name: 'Study weighted zone score',
      citation: ['Study protocol v3, section 8.2'],
      verification: [{ detail: 'Weights', status: 'UNVERIFIED', info: 'Study-defined.' }],
      settings: [],
      regions: [
        { id: 'upper', label: 'Upper zones', kind: 'zone' },
        { id: 'lower', label: 'Lower zones', kind: 'zone' },
      ],
      items: [
        { id: 'ggo', label: 'Ground glass', scale: { kind: 'percent', increment: 10 } },
        { id: 'cons', label: 'Consolidation', scale: { kind: 'percent', increment: 10 } },
      ],
      constants: { wCons: { value: 2, label: 'Consolidation weight' } },
      constraints: [{ type: 'sum', items: ['ggo', 'cons'], relation: 'atMost', bound: { op: 'number', value: 100 } }],
      totals: [
        {
          id: 'weighted',
          label: 'Weighted score, sum over zones',
          unit: 'points',
          component: 'overall',
          primary: true,
          kind: 'regions',
          aggregate: 'sum',
          perRegion: {
            op: 'add',
            terms: [
              { op: 'item', item: 'ggo' },
              { op: 'multiply', factors: [{ op: 'constant', constant: 'wCons' }, { op: 'item', item: 'cons' }] },
            ],
          },
        },
      ],
    };
    const loaded = loadScoringSystem(custom, 'study-weighted.json');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    const r = computeTotals(loaded.value, { upper: { ggo: 20, cons: 10 }, lower: { ggo: 0, cons: 50 } });
    expect(r.totals[0]?.value).toBe(20 + 20 + 100);
  });

  it('refuses a broken definition with every problem and its place', () => {
    const broken = {
      formatVersion: 1,
      id: 'broken',
      version: '1',
      name: 'Broken',
      citation: ['x'],
      verification: [],
      settings: [{ type: 'choice', id: 'basis', label: 'Basis', options: [{ value: 'a', label: 'A' }], default: 'b' }],
      regions: [
        { id: 'r1', label: 'R1', kind: 'zone' },
        { id: 'r1', label: 'R1 again', kind: 'zone' },
      ],
      items: [{ id: 'x', label: 'X', scale: { kind: 'percent', increment: 5 } }],
      constraints: [{ type: 'sum', items: ['nope'], relation: 'atMost', bound: { op: 'number', value: 100 } }],
      totals: [
        { id: 't1', label: 'T1', unit: 'points', component: 'overall', kind: 'expression', expression: { op: 'item', item: 'x' } },
        { id: 't2', label: 'T2', unit: 'points', component: 'overall', kind: 'expression', expression: { op: 'total', total: 't3' } },
      ],
    };
    const loaded = loadScoringSystem(broken, 'broken.json');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const wheres = loaded.error.map((p) => `${p.code} ${p.where}`);
    expect(wheres).toEqual([
      'duplicate-id regions[1]',
      'bad-default settings[0]',
      'unknown-reference constraints[0].items',
      'misplaced-reference totals[0].expression',
      'unknown-reference totals[1].expression',
    ]);
    expect(loaded.error.every((p) => p.file === 'broken.json')).toBe(true);
  });

  it('refuses malformed JSON structure through the schema', () => {
    const loaded = loadScoringSystem({ formatVersion: 1, id: 'x' }, 'x.json');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.error[0]?.code).toBe('schema');
      expect(loaded.error[0]?.message).toContain('x.json');
    }
  });
});
