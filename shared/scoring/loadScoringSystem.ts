import { assertNever, err, ok, type Problem, type Result } from '../result';
import type { Condition, Expression } from './expression';
import { scoringSystemDefinitionSchema, type ScoringSystemDefinition } from './ScoringSystemDefinition';
import { WHOLE_FILE, describeDefinitionIssue } from './describeDefinitionIssue';

/**
 * Loads a scoring-system definition (a study's own system as JSON, or a built-in one) and refuses it
 * with every problem found, each naming the place (`where`, a JSON path), before any read uses it:
 * structure first (zod), then what a schema cannot see: unique ids, references to items, settings,
 * constants, tables, regions and earlier totals, items read only where there is a region, choice
 * cases that exist, a single primary total.
 *
 * Each problem's `where` is its place in the file in JSON-path form (`items[2].scale.grades`, '' for
 * the whole file) and its message reads `[file: ]place: what to fix`, in a coordinator's words.
 */
export type DefinitionProblemCode = 'schema' | 'duplicate-id' | 'unknown-reference' | 'misplaced-reference' | 'bad-default';

export function loadScoringSystem(
  json: unknown,
  file?: string,
): Result<ScoringSystemDefinition, Problem<DefinitionProblemCode>[]> {
  const parsed = scoringSystemDefinitionSchema.safeParse(json);
  const problemAt = <C extends DefinitionProblemCode>(code: C, where: string, text: string): Problem<C> => ({
    code,
    message: `${file === undefined ? '' : `${file}: `}${where === '' ? WHOLE_FILE : where}: ${text}`,
    where,
    ...(file === undefined ? {} : { file }),
  });
  if (!parsed.success) {
    return err(
      parsed.error.issues.map((issue) => {
        const { where, text } = describeDefinitionIssue(issue, json);
        return problemAt('schema', where, text);
      }),
    );
  }
  const definition = parsed.data as ScoringSystemDefinition;
  const problems: Problem<DefinitionProblemCode>[] = [];
  const report = (code: DefinitionProblemCode, where: string, message: string): void => {
    problems.push(problemAt(code, where, message));
  };

  const unique = (ids: string[], what: string, path: string): void => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id)) report('duplicate-id', `${path}[${i}]`, `${what} id "${id}" is used twice`);
      seen.add(id);
    });
  };
  unique(definition.settings.map((s) => s.id), 'setting', 'settings');
  unique(definition.regions.map((r) => r.id), 'region', 'regions');
  unique(definition.items.map((i) => i.id), 'item', 'items');
  unique(definition.totals.map((t) => t.id), 'total', 'totals');

  const settings = new Map(definition.settings.map((s) => [s.id, s]));
  const items = new Set(definition.items.map((i) => i.id));
  const regions = new Set(definition.regions.map((r) => r.id));

  definition.settings.forEach((s, i) => {
    switch (s.type) {
      case 'choice':
        if (!s.options.some((o) => o.value === s.default)) report('bad-default', `settings[${i}]`, `default "${s.default}" is not an option`);
        break;
      case 'number':
        if ((s.min !== undefined && s.default < s.min) || (s.max !== undefined && s.default > s.max)) {
          report('bad-default', `settings[${i}]`, `default ${s.default} is out of range`);
        }
        break;
      default:
        assertNever(s, 'setting type');
    }
  });

  const checkExpression = (e: Expression, path: string, inRegion: boolean, totalsBefore: Set<string>): void => {
    const recurse = (child: Expression, suffix: string, region = inRegion): void =>
      checkExpression(child, `${path}.${suffix}`, region, totalsBefore);
    switch (e.op) {
      case 'number':
        return;
      case 'item':
        if (!items.has(e.item)) report('unknown-reference', path, `no item "${e.item}"`);
        if (!inRegion) report('misplaced-reference', path, `item "${e.item}" is read outside a region (use sumRegions or meanRegions)`);
        return;
      case 'setting': {
        const s = settings.get(e.setting);
        if (s?.type !== 'number') report('unknown-reference', path, `no numeric setting "${e.setting}"`);
        return;
      }
      case 'constant':
        if (definition.constants?.[e.constant] === undefined) report('unknown-reference', path, `no constant "${e.constant}"`);
        return;
      case 'total':
        if (!totalsBefore.has(e.total)) report('unknown-reference', path, `total "${e.total}" is not defined before this one`);
        return;
      case 'add':
        e.terms.forEach((t, i) => recurse(t, `terms[${i}]`));
        return;
      case 'multiply':
        e.factors.forEach((t, i) => recurse(t, `factors[${i}]`));
        return;
      case 'subtract':
        recurse(e.from, 'from');
        recurse(e.minus, 'minus');
        return;
      case 'divide':
        recurse(e.numerator, 'numerator');
        recurse(e.denominator, 'denominator');
        return;
      case 'lookup':
        if (definition.tables?.[e.table] === undefined) report('unknown-reference', path, `no table "${e.table}"`);
        recurse(e.of, 'of');
        return;
      case 'present':
        recurse(e.of, 'of');
        return;
      case 'choose': {
        const s = settings.get(e.setting);
        if (s?.type !== 'choice') {
          report('unknown-reference', path, `no choice setting "${e.setting}"`);
        } else {
          for (const option of s.options) {
            if (e.cases[option.value] === undefined) report('unknown-reference', path, `no case for "${option.value}"`);
          }
        }
        for (const [key, child] of Object.entries(e.cases)) recurse(child, `cases${/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`);
        return;
      }
      case 'sumRegions':
      case 'meanRegions':
        e.regions?.forEach((r) => {
          if (!regions.has(r)) report('unknown-reference', path, `no region "${r}"`);
        });
        recurse(e.of, 'of', true);
        return;
      default:
        assertNever(e, 'expression op');
    }
  };

  const checkCondition = (c: Condition, path: string, inRegion: boolean, settingsOnly: boolean): void => {
    switch (c.type) {
      case 'setting': {
        const s = settings.get(c.setting);
        if (s?.type !== 'choice') report('unknown-reference', path, `no choice setting "${c.setting}"`);
        else for (const v of c.in) if (!s.options.some((o) => o.value === v)) report('unknown-reference', path, `"${v}" is not an option of "${c.setting}"`);
        return;
      }
      case 'compare':
        if (settingsOnly) report('misplaced-reference', path, 'only setting conditions are allowed here');
        checkExpression(c.left, `${path}.left`, inRegion, new Set());
        checkExpression(c.right, `${path}.right`, inRegion, new Set());
        return;
      case 'all':
      case 'any':
        c.conditions.forEach((child, i) => checkCondition(child, `${path}.conditions[${i}]`, inRegion, settingsOnly));
        return;
      default:
        assertNever(c, 'condition type');
    }
  };

  definition.regions.forEach((r, i) => {
    if (r.when) checkCondition(r.when, `regions[${i}].when`, false, true);
  });
  definition.items.forEach((item, i) => {
    item.regions?.forEach((r) => {
      if (!regions.has(r)) report('unknown-reference', `items[${i}].regions`, `no region "${r}"`);
    });
    if (typeof item.required === 'object') checkCondition(item.required, `items[${i}].required`, true, false);
    const scale = item.scale;
    if (scale.kind === 'percent' && typeof scale.increment === 'object' && settings.get(scale.increment.setting)?.type !== 'number') {
      report('unknown-reference', `items[${i}].scale.increment`, `no numeric setting "${scale.increment.setting}"`);
    }
    if (scale.kind === 'ordinal') {
      const values = scale.grades.map((g) => g.value);
      if (new Set(values).size !== values.length) report('duplicate-id', `items[${i}].scale.grades`, 'a grade value is used twice');
    }
    if (scale.kind === 'count' && scale.min > scale.max) report('bad-default', `items[${i}].scale`, 'min is above max');
  });
  definition.constraints.forEach((c, i) => {
    c.items.forEach((id) => {
      if (!items.has(id)) report('unknown-reference', `constraints[${i}].items`, `no item "${id}"`);
    });
    checkExpression(c.bound, `constraints[${i}].bound`, true, new Set());
    if (c.when) checkCondition(c.when, `constraints[${i}].when`, true, false);
  });
  const totalsBefore = new Set<string>();
  definition.totals.forEach((t, i) => {
    switch (t.kind) {
      case 'regions':
        checkExpression(t.perRegion, `totals[${i}].perRegion`, true, totalsBefore);
        t.regions?.forEach((r) => {
          if (!regions.has(r)) report('unknown-reference', `totals[${i}].regions`, `no region "${r}"`);
        });
        break;
      case 'expression':
        checkExpression(t.expression, `totals[${i}].expression`, false, totalsBefore);
        break;
      default:
        assertNever(t, 'total kind');
    }
    totalsBefore.add(t.id);
  });
  if (definition.totals.filter((t) => t.primary).length > 1) report('duplicate-id', 'totals', 'more than one primary total');

  return problems.length > 0 ? err(problems) : ok(definition);
}
