/**
 * Paints synthetic ILD onto real lungs, for tests of the lung mask on real anatomy (the real ribs,
 * diaphragm, liver and paravertebral gutters of LIDC-IDRI-0002) with disease whose extent is known.
 * The truth is a mask of the unpainted scan; the disease goes into the dorsal half of each lung in
 * the caudal third of the lungs' cranio-caudal extent, where fibrosis and dependent consolidation
 * sit (Lynch et al., Lancet Respir Med 2018;6:138):
 *
 * - `honeycombing`: within `bandMm` of the lung's edge in its slice, clustered air cysts (spheres
 *   of radius 2 mm on a 5 mm lattice jittered by up to 1.5 mm, about -920 HU) in fibrous tissue
 *   (about +40 HU), so each cyst is walled off from the lung and from its neighbours;
 * - `consolidation`: the same band solid, about +30 HU;
 * - and, in both, ground glass (about -450 HU) from the band's inner edge to `groundGlassMm`.
 *
 * Deterministic (seeded noise), so the numbers of a test do not move between runs.
 */
export interface PaintedDisease {
  hu: Int16Array;
  /** Per voxel: 0 untouched, 1 dense band (cysts and walls, or consolidation), 2 ground glass. */
  painted: Uint8Array;
}

export function paintBasalDorsalDisease(
  hu: Int16Array,
  truth: Uint8Array,
  dimensions: readonly [number, number, number],
  spacingMm: readonly [number, number, number],
  slicesAscendCranially: boolean,
  options: { pattern: 'honeycombing' | 'consolidation'; bandMm: number; groundGlassMm: number },
): PaintedDisease {
  const [nx, ny, nz] = dimensions;
  const [sx, sy, sz] = spacingMm;
  const slice = nx * ny;
  const out = hu.slice();
  const painted = new Uint8Array(hu.length);
  let first = nz;
  let last = -1;
  for (let z = 0; z < nz; z++) {
    for (let p = z * slice; p < (z + 1) * slice; p++) {
      if (truth[p] !== 0) {
        first = Math.min(first, z);
        last = z;
        break;
      }
    }
  }
  if (last < 0) return { hu: out, painted };
  const third = Math.floor((last - first + 1) / 3);
  const [z0, z1] = slicesAscendCranially ? [first, first + third] : [last - third, last];
  let seed = 12345;
  const uniform = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  // Sum of six uniforms: close enough to a normal deviate for image noise.
  const gauss = (): number => {
    let s = 0;
    for (let i = 0; i < 6; i++) s += uniform();
    return (s - 3) * Math.SQRT2;
  };
  const distance = new Float32Array(slice);
  const diagonal = Math.hypot(sx, sy);
  for (let z = z0; z <= z1; z++) {
    const base = z * slice;
    // In-slice distance (mm) of each lung voxel to the nearest voxel outside the lung: two-pass chamfer.
    for (let p = 0; p < slice; p++) distance[p] = truth[base + p] !== 0 ? 1e9 : 0;
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const p = y * nx + x;
        let d = distance[p]!;
        if (d === 0) continue;
        if (x > 0) d = Math.min(d, distance[p - 1]! + sx);
        if (y > 0) {
          d = Math.min(d, distance[p - nx]! + sy);
          if (x > 0) d = Math.min(d, distance[p - nx - 1]! + diagonal);
          if (x < nx - 1) d = Math.min(d, distance[p - nx + 1]! + diagonal);
        }
        distance[p] = d;
      }
    }
    for (let y = ny - 1; y >= 0; y--) {
      for (let x = nx - 1; x >= 0; x--) {
        const p = y * nx + x;
        let d = distance[p]!;
        if (d === 0) continue;
        if (x < nx - 1) d = Math.min(d, distance[p + 1]! + sx);
        if (y < ny - 1) {
          d = Math.min(d, distance[p + nx]! + sy);
          if (x < nx - 1) d = Math.min(d, distance[p + nx + 1]! + diagonal);
          if (x > 0) d = Math.min(d, distance[p + nx - 1]! + diagonal);
        }
        distance[p] = d;
      }
    }
    for (const label of [1, 2]) {
      // The dorsal half: rows behind the lung's centre in this slice (rows run front to back here).
      let rows = 0;
      let count = 0;
      for (let p = 0; p < slice; p++) {
        if (truth[base + p] === label) {
          rows += Math.floor(p / nx);
          count++;
        }
      }
      if (count === 0) continue;
      const centreRow = rows / count;
      for (let p = 0; p < slice; p++) {
        const i = base + p;
        if (truth[i] !== label || Math.floor(p / nx) < centreRow) continue;
        const d = distance[p]!;
        if (d <= options.bandMm) {
          const solid = options.pattern === 'consolidation' || !inCyst((p % nx) * sx, Math.floor(p / nx) * sy, z * sz);
          out[i] = solid ? Math.round((options.pattern === 'consolidation' ? 30 : 40) + 15 * gauss()) : Math.round(-920 + 30 * gauss());
          painted[i] = 1;
        } else if (d <= options.groundGlassMm) {
          out[i] = Math.round(-450 + 40 * gauss());
          painted[i] = 2;
        }
      }
    }
  }
  return { hu: out, painted };
}

const CYST_LATTICE_MM = 5;
const CYST_RADIUS_MM = 2;
const CYST_JITTER_MM = 3;

/** Whether a point (mm) lies in a cyst: one sphere per lattice cell, centre jittered by a hash of the cell. */
function inCyst(x: number, y: number, z: number): boolean {
  const ci = Math.floor(x / CYST_LATTICE_MM);
  const cj = Math.floor(y / CYST_LATTICE_MM);
  const ck = Math.floor(z / CYST_LATTICE_MM);
  for (let a = ci - 1; a <= ci + 1; a++) {
    for (let b = cj - 1; b <= cj + 1; b++) {
      for (let c = ck - 1; c <= ck + 1; c++) {
        const h = Math.imul((a * 73856093) ^ (b * 19349663) ^ (c * 83492791), 2654435761) >>> 0;
        const px = (a + 0.5) * CYST_LATTICE_MM + ((h & 255) / 255 - 0.5) * CYST_JITTER_MM;
        const py = (b + 0.5) * CYST_LATTICE_MM + (((h >> 8) & 255) / 255 - 0.5) * CYST_JITTER_MM;
        const pz = (c + 0.5) * CYST_LATTICE_MM + (((h >> 16) & 255) / 255 - 0.5) * CYST_JITTER_MM;
        if ((x - px) ** 2 + (y - py) ** 2 + (z - pz) ** 2 <= CYST_RADIUS_MM ** 2) return true;
      }
    }
  }
  return false;
}
