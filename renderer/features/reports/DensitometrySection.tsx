import type { SubjectReport } from '../../../shared/reports/subjectReport';
import type { DensitometryScan } from '../../../shared/reports/densitometrySection';
import { fixed, signed } from './formatChange';

/** The series is the one the HRCT acquisition table lists for that visit; its key (an encoded folder path) means nothing on paper. */
function scanLine(title: string, scan: DensitometryScan) {
  return (
    <div className={scan.status === 'stored' ? 'rpt-small' : 'rpt-note'}>
      <strong>{title}:</strong> {scan.message}
    </div>
  );
}

/**
 * Quantitative CT: the stored densitometry of the baseline and endpoint series (whole lung and each
 * lung: volume, MLD, HAA, LAA-950, PD15) with the change, and acquisition differences as warnings.
 */
export function DensitometrySection(props: { report: SubjectReport }) {
  const section = props.report.densitometry;
  return (
    <section className="rpt-section" aria-label="Quantitative CT densitometry">
      <h3>Quantitative CT (densitometry)</h3>
      {scanLine('Baseline', section.baseline)}
      {scanLine('Endpoint', section.endpoint)}
      {section.notes.map((note) => (
        <p key={note} className="rpt-small">
          {note}
        </p>
      ))}
      {section.rows.length > 0 ? (
        <table className="rpt-table" aria-label="Densitometry change table">
          <thead>
            <tr>
              <th>Region / measure</th>
              <th>Baseline</th>
              <th>Endpoint</th>
              <th>Change</th>
              <th>Relative</th>
            </tr>
          </thead>
          <tbody>
            {section.rows.map((row) => (
              <tr key={row.csvMeasure} className={row.region === 'whole' ? 'rpt-ct-primary' : ''}>
                <th scope="row">
                  {row.regionLabel}, {row.label} <span className="rpt-unit">{row.unit}</span>
                </th>
                <td>{fixed(row.change.baseline, row.digits)}</td>
                <td>{fixed(row.change.endpoint, row.digits)}</td>
                <td className="rpt-strong">
                  {signed(row.change.absolute, row.digits)}
                  {row.change.absolute === null ? null : <span className="rpt-unit"> {row.changeUnit}</span>}
                </td>
                <td>{row.change.relativePercent === null ? '—' : `${signed(row.change.relativePercent, 1)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className={section.warnings.length > 0 ? 'rpt-warning' : 'rpt-muted'} aria-label="Densitometry acquisition warnings">
        {section.message}
        {section.warnings.map((warning) => (
          <span key={warning.kind} className="rpt-warning-item">
            {' '}
            ⚠ {warning.message}
          </span>
        ))}
      </p>
      {section.rows.length > 0 ? (
        <p className="rpt-small">
          HAA: lung voxels from −600 to −250 HU; LAA-950: at or below −950 HU; changes of HAA and LAA-950 in percentage points; relative change against |baseline|.
        </p>
      ) : null}
    </section>
  );
}
