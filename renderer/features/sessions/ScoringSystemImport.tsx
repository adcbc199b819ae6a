import { useState, type ChangeEvent, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { ApiError } from '../../../shared/api/errors';
import type { AvailableScoringSystem } from '../../../shared/api/tasks/reads';
import { scoringSystemProblemLines } from './scoringSystemProblems';

/**
 * A coordinator adds the study's own scoring system as a JSON definition (issue 5: "a study can add
 * its own system without code"). The definition is checked on the Node side; every problem is listed
 * with its place in the file (a JSON path such as totals[0].perRegion) and what to fix there.
 */
export function ScoringSystemImport(props: { projectId: string; onAdded: (added: AvailableScoringSystem) => void; onCancel: () => void }) {
  const [json, setJson] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setJson(await file.text());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const response = await api.importScoringSystem({ projectId: props.projectId, json });
    setBusy(false);
    if (response.ok) {
      setError(null);
      props.onAdded(response.value);
    } else setError(response.error);
  };

  const problems = scoringSystemProblemLines(error?.fields ?? {});
  return (
    <form className="panel-form" onSubmit={(e) => void submit(e)} aria-label="Add scoring system">
      <h3>Add scoring system (JSON)</h3>
      <p className="muted">
        Choose a definition file or paste it below. The id and version must be new for this project; a read always keeps being scored
        with the version it was made with.
      </p>
      <label className="field">
        <span className="field-label">Definition file</span>
        <input type="file" accept=".json,application/json" onChange={(e) => void choose(e)} aria-label="Definition file" />
      </label>
      <label className="field">
        <span className="field-label">Definition (JSON)</span>
        <textarea name="scoringSystemJson" rows={12} spellCheck={false} value={json} onChange={(e) => setJson(e.target.value)} />
      </label>
      {error ? (
        <div className="error-banner" role="alert" data-testid="scoring-system-problems">
          <p>{problems.length > 0 ? `The scoring system was not added (${problems.length} place${problems.length === 1 ? '' : 's'} to fix):` : error.message}</p>
          {problems.length > 0 ? (
            <ul>
              {problems.map(({ place, text }) => (
                <li key={place}>
                  <strong>{place === 'The whole file' ? place : `At ${place}`}:</strong> {text}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || json.trim() === ''}>
          Check and add
        </button>
      </div>
    </form>
  );
}
