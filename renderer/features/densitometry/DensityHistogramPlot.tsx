import type { DensityHistogram } from '../../../shared/analysis/densitometry';
import { BAND_LIMITS_HU, DENSITY_BANDS, type DensityBand } from '../../../shared/analysis/densityThresholds';
import { BAND_CSS_COLOURS } from './densityColours';

const WIDTH = 300;
const HEIGHT = 120;
/** Room left and right of the bars for the end labels (-1000 and 0 HU sit at the plot's edges). */
const SIDE_MARGIN = 16;

function bandOf(hu: number): DensityBand | null {
  for (const band of DENSITY_BANDS) {
    const [low, high] = BAND_LIMITS_HU[band];
    if (hu > low && hu <= high) return band;
  }
  return null;
}

/** The whole-lung density histogram (share of lung voxels per 8 HU bin), bars in band colours. */
export function DensityHistogramPlot(props: { histogram: DensityHistogram }) {
  const h = props.histogram;
  const total = h.counts.reduce((a, b) => a + b, 0) + h.belowCount + h.aboveCount;
  const max = Math.max(1, ...h.counts);
  const barWidth = WIDTH / h.counts.length;
  const highHu = h.lowHu + h.binHu * h.counts.length;
  const ticks = [-1000, -750, -500, -250, 0].filter((t) => t >= h.lowHu && t <= highHu);
  const xOf = (hu: number) => ((hu - h.lowHu) / (highHu - h.lowHu)) * WIDTH;
  return (
    <figure className="density-histogram" data-testid="density-histogram">
      <svg viewBox={`${-SIDE_MARGIN} 0 ${WIDTH + 2 * SIDE_MARGIN} ${HEIGHT + 16}`} role="img" aria-label="Histogram of lung density, -1024 to 0 HU">
        {h.counts.map((c, b) => {
          const centre = h.lowHu + (b + 0.5) * h.binHu;
          const band = bandOf(centre);
          const height = (c / max) * HEIGHT;
          return <rect key={b} x={b * barWidth} y={HEIGHT - height} width={Math.max(0.5, barWidth - 0.3)} height={height} fill={band ? BAND_CSS_COLOURS[band] : '#888'} />;
        })}
        <line x1={0} x2={WIDTH} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} className="density-histogram-axis" />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={xOf(t)} x2={xOf(t)} y1={HEIGHT} y2={HEIGHT + 3} className="density-histogram-axis" />
            <text x={xOf(t)} y={HEIGHT + 13} textAnchor="middle">
              {t}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="muted">
        Lung voxels per 8 HU, -1024 to 0 HU{total > 0 ? `; ${((100 * h.aboveCount) / total).toFixed(1)} % above 0 HU not shown` : ''}.
      </figcaption>
    </figure>
  );
}
