import { ApiFailure } from '../../../shared/api/errors';
import type { Problem } from '../../../shared/result';
import { loadScoringSystem } from '../../../shared/scoring/loadScoringSystem';
import type { ScoringSystemDefinition } from '../../../shared/scoring/ScoringSystemDefinition';
import { builtInScoringSystems } from '../../../shared/scoring/systems/builtInScoringSystems';
import type { AvailableScoringSystem } from '../../../shared/api/tasks/reads';
import type { Db } from '../storage/openStore';
import type { Actor } from '../storage/audit';
import { getRow, insertAudited, type AuditedTable } from '../storage/auditedTable';
import { projectTable } from '../storage/projects';

/**
 * The definition a read was made with, by id and version: a stored read is always rescored with
 * the definition it names, never a newer one. Built-in systems first; with a database, a project's
 * own systems (imported as JSON, validated by loadScoringSystem) too: those of `projectId` when
 * given, otherwise of any project (a read made outside a project).
 */
export function findScoringSystem(
  systemId: string,
  systemVersion?: string,
  db?: Db,
  projectId?: string | null,
): ScoringSystemDefinition | undefined {
  const builtIn = builtInScoringSystems.find((s) => s.id === systemId && (systemVersion === undefined || s.version === systemVersion));
  if (builtIn || !db) return builtIn;
  const rows = (
    db
      .prepare(
        `SELECT * FROM project_scoring_systems WHERE system_id = ? AND (? IS NULL OR system_version = ?) AND (? IS NULL OR project_id = ?)
         ORDER BY created_at DESC`,
      )
      .all(systemId, systemVersion ?? null, systemVersion ?? null, projectId ?? null, projectId ?? null) as Record<string, unknown>[]
  ).map(projectSystemTable.fromRow);
  return rows[0]?.definition;
}

export function requireScoringSystem(systemId: string, systemVersion?: string, db?: Db, projectId?: string | null): ScoringSystemDefinition {
  const found = findScoringSystem(systemId, systemVersion, db, projectId);
  if (!found) {
    throw new ApiFailure(
      'not-found',
      `The scoring system "${systemId}"${systemVersion ? ` version ${systemVersion}` : ''} is not installed in this LungScore${projectId ? ' or this project' : ''}.`,
    );
  }
  return found;
}

interface ProjectScoringSystem {
  id: string;
  rev: number;
  projectId: string;
  definition: ScoringSystemDefinition;
}

const projectSystemTable: AuditedTable<ProjectScoringSystem, { definition: ScoringSystemDefinition }> = {
  table: 'project_scoring_systems',
  entity: 'scoring-system',
  noun: 'scoring system',
  toColumns: (f) => ({
    system_id: f.definition.id,
    system_version: f.definition.version,
    name: f.definition.name,
    definition_json: JSON.stringify(f.definition),
  }),
  fromRow: (row) => ({
    id: row.id as string,
    rev: row.rev as number,
    projectId: row.project_id as string,
    definition: JSON.parse(row.definition_json as string) as ScoringSystemDefinition,
  }),
  projectIdOf: (s) => s.projectId,
  duplicateMessage: (f) =>
    `This project already has "${f.definition.id}" version ${f.definition.version}. A changed definition needs a new version, so reads made with the old one keep being scored with it.`,
};

/** Built-in systems, then the project's own, oldest first. */
export function listScoringSystems(db: Db, projectId: string): AvailableScoringSystem[] {
  const own = (
    db.prepare('SELECT * FROM project_scoring_systems WHERE project_id = ? ORDER BY created_at').all(projectId) as Record<string, unknown>[]
  ).map(projectSystemTable.fromRow);
  return [
    ...builtInScoringSystems.map((definition) => ({ source: 'built-in' as const, definition })),
    ...own.map((s) => ({ source: 'project' as const, definition: s.definition })),
  ];
}

/**
 * Validates a study's JSON definition and stores it for the project. Refused, with every problem
 * and its place (JSON path) in `fields`, when the text is not JSON or the definition is invalid.
 * Built-in ids are reserved; an id and version the project already has is refused (never replaced).
 */
export function importScoringSystem(db: Db, actor: Actor, projectId: string, json: string): AvailableScoringSystem {
  getRow(db, projectTable, projectId);
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    refuse([{ code: 'json', where: '(file)', message: `The text is not valid JSON: ${detail}` }]);
  }
  const loaded = loadScoringSystem(parsed);
  if (!loaded.ok) refuse(loaded.error);
  const definition = loaded.value;
  if (builtInScoringSystems.some((s) => s.id === definition.id)) {
    refuse([{ code: 'reserved-id', where: 'id', message: `id: "${definition.id}" is the id of a built-in system; choose another id.` }]);
  }
  insertAudited(db, actor, projectSystemTable, { definition }, { project_id: projectId });
  return { source: 'project', definition };
}

function refuse(problems: readonly Problem[]): never {
  const fields: Record<string, string> = {};
  for (const p of problems) {
    const where = p.where === undefined || p.where === '' ? '(root)' : p.where;
    fields[where] = fields[where] ? `${fields[where]}; ${p.message}` : p.message;
  }
  // Each message already starts with its place in the file (loadScoringSystem's problemAt).
  const lines = problems.map((p) => `- ${p.message}`);
  throw new ApiFailure(
    'invalid-input',
    `The scoring system was not added: ${problems.length} problem${problems.length === 1 ? '' : 's'}.\n${lines.join('\n')}`,
    fields,
  );
}
