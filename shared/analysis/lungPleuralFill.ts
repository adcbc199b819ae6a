import type { PaddingRule } from './densitometryInput';
import type { BodyAirRuns } from './bodyAirRuns';
import type { LabelledRuns } from './lungRuns';
import { EXACT_HISTOGRAM_OFFSET, zoneHistogramOf, type ZoneHistograms } from './lungZoneSlices';

/**
 * Dense disease against the chest wall (dependent consolidation, subpleural honeycombing) is as
 * dense as the wall, so thresholding moves the lung's edge inwards by the depth of the disease.
 * The rib cage says where the edge belongs: ribs lie just outside the parietal pleura, so along
 * rays from the lung's centre the distance d(theta) from the outermost lung voxel to the first bone
 * is nearly constant around healthy lung (the intercostal muscles and fascia) and jumps where
 * disease lines the pleura. Per lung and slice, an opening of d over the angle (a rolling ball in
 * polar coordinates: running minimum, then running maximum, over PLEURAL_WINDOW_DEG) removes bumps
 * narrower than the window; where d exceeds its opening by more than PLEURAL_MIN_DEPTH_MM, voxels
 * out to (bone distance - opened d) become lung. Ribs are oblique and cut by each slice in short
 * arcs, so "bone" is any voxel of at least PLEURAL_BONE_HU within PLEURAL_BONE_SLAB_MM above or
 * below the slice.
 *
 * Never crosses into the mediastinum or the other lung: only costal rays count, those that meet
 * bone within PLEURAL_MAX_WALL_MM of the lung edge without meeting the other lung or air, and
 * whose bone is not the spine (PLEURAL_SPINE_HALF_WIDTH_MM of the body's centre line); a bump
 * needs costal rays across the whole window on both sides (rays towards the heart and the other
 * lung break it); and only voxels above PLEURAL_DENSE_LOW_HU and at or below PLEURAL_DENSE_HIGH_HU
 * are added, which keeps fat (about -100 HU), bone and contrast-filled vessels out. Lung that is
 * dense in a whole slice (no aerated voxel left) cannot be recovered this way.
 *
 * Disease lining the whole posterior arc has no healthy wall beside it within the window; a second
 * pass measures it against the slice's thinnest walls instead (PLEURAL_BAND_MIN_DEPTH_MM and below).
 */

/**
 * Angular window of the opening (degrees): disease narrower than this arc is recovered. Dependent
 * consolidation can line most of the posterior costal arc (90 degrees left the posterior band of
 * the mda5-ild phantom out).
 */
export const PLEURAL_WINDOW_DEG = 150;
/**
 * A bump must span at least this arc (degrees, inclusive): narrower ones are gaps between ribs
 * (an intercostal space seen from the lung's centre; 10 degrees still let wedges into the wall on
 * LIDC-IDRI-0002).
 */
export const PLEURAL_MIN_ARC_DEG = 15;
/** A bump must be deeper than this (mm) to count as disease rather than wall irregularity. */
export const PLEURAL_MIN_DEPTH_MM = 8;
/**
 * Bone within this distance (mm) of the body's centre line is the spine (vertebral body about 20
 * to 25 mm in radius; the rib heads articulate further out): a ray that meets it runs into the
 * back of the mediastinum (the descending aorta, the oesophagus), not the chest wall, and is not
 * costal. Without this a wide window took the unenhanced descending aorta for disease.
 */
export const PLEURAL_SPINE_HALF_WIDTH_MM = 30;
/** Costal rays meet bone within this distance (mm) of the lung edge. */
export const PLEURAL_MAX_WALL_MM = 45;
/** Bone: at least 300 HU (cortical and most trabecular bone; unenhanced soft tissue stays below 100). */
export const PLEURAL_BONE_HU = 300;
/** Ribs are looked for this far (mm) above and below the slice (rib plus intercostal space is about 25 mm). */
export const PLEURAL_BONE_SLAB_MM = 12;
/**
 * Costal cartilage (about 100 to 200 HU unless calcified) bounds the lung in front as ribs do at
 * the side; unenhanced consolidation and muscle stay below 100 HU.
 */
export const PLEURAL_CARTILAGE_HU = 100;
/**
 * Only rays within PLEURAL_MAX_ANGLE_FROM_LATERAL_DEG of the lung's lateral direction (the
 * mediastinum, spine and heart lie medially) and within PLEURAL_MAX_ANGLE_FROM_POSTERIOR_DEG of the
 * patient's back look for disease. Dense disease at the pleura in ILD is dorsal and basal
 * (dependent consolidation, UIP honeycombing: Lynch et al., Lancet Respir Med 2018;6:138), while
 * the front of the chest wall thickens steeply towards the sternum and would read as disease.
 */
export const PLEURAL_MAX_ANGLE_FROM_LATERAL_DEG = 135;
export const PLEURAL_MAX_ANGLE_FROM_POSTERIOR_DEG = 100;
/** Voxels added must lie above -50 HU (fat is about -100) and at or below +99 HU (cartilage, bone, contrast above). */
export const PLEURAL_DENSE_LOW_HU = -50;
export const PLEURAL_DENSE_HIGH_HU = 99;

/**
 * Second pass, for disease lining the whole costal arc of a slice (dependent consolidation along
 * the posterior arc leaves no healthy wall inside the window to compare with). On real anatomy the
 * lung edge lies within a millimetre or two of a rib or of the extrapleural fat on most costal rays
 * (LIDC-IDRI-0002: under 6 mm on nearly all posterior costal rays of the bases), so the thinnest
 * walls of the lung's costal rays in the slice (their PLEURAL_BAND_REFERENCE_PERCENTILE, at least
 * PLEURAL_BAND_MIN_REFERENCE_MM) are the reference. A ray is a band ray when tissue of -50..99 HU
 * runs without a break from the lung edge to bone, or to fat lying on bone (bone within
 * PLEURAL_BAND_MAX_FAT_GAP_MM beyond the fat), reaching at least PLEURAL_BAND_MIN_DEPTH_MM beyond
 * the reference and no further than PLEURAL_BAND_MAX_WALL_MM; voxels are added out to the bone
 * minus the reference, or up to the fat. Rays whose dense run ends in fat with no rib in reach (the
 * paravertebral muscles, the liver under the diaphragm: healthy walls of 20 to 45 mm) never make a
 * band. Up to PLEURAL_BAND_MAX_BRIDGE_DEG of rays between band rays are bridged, no deeper than the
 * band on either side: rays whose dense run is as deep but ends in fat or cartilage (an intercostal
 * space), and rays whose run reaches a rib PLEURAL_BAND_BRIDGE_MIN_DEPTH_MM beyond the reference
 * (ribs of the slab above or below the slice lie a few mm closer in places). An arc needs
 * PLEURAL_BAND_MIN_ARC_DEG of band rays, bridges not counted. Rays that meet the spine stay out as
 * in the first pass (the descending aorta lies there), so disease against the vertebrae is not
 * recovered; nor is disease against the diaphragm, or a band thinner than about 6 mm. A scan with
 * no band ray is left as it was (the unpainted LIDC-IDRI-0002 mask and the phantoms' masks are the
 * same voxel for voxel). Pleural effusion is as dense and lies where a band would: it is added too.
 */
export const PLEURAL_BAND_MIN_DEPTH_MM = 6;
export const PLEURAL_BAND_MIN_REFERENCE_MM = 1.4;
export const PLEURAL_BAND_REFERENCE_PERCENTILE = 0.05;
export const PLEURAL_BAND_MAX_FAT_GAP_MM = 8;
export const PLEURAL_BAND_MAX_WALL_MM = 30;
export const PLEURAL_BAND_MAX_BRIDGE_DEG = 20;
export const PLEURAL_BAND_BRIDGE_MIN_DEPTH_MM = 4;
/**
 * Band rays (bridges not counted) an arc needs (degrees): a band lines a wide arc. At 30 degrees the
 * healthy phantoms' apex (ribs of the slab far outside a small, oblique lung section) still gained
 * some 20 voxels; at 40 none.
 */
export const PLEURAL_BAND_MIN_ARC_DEG = 40;

const HIT_BONE = 0;
const HIT_FAT = 1;
const HIT_CARTILAGE = 2;

const RAYS = 180;
/** Ray step (mm): fine next to the 8 mm a bump must reach; at least one pixel. */
const STEP_MM = 1.4;

/** One lung in one slice: voxel count, centre and extent (pixel indices, inclusive). */
interface SliceLung {
  n: number;
  cx: number;
  cy: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Step 6 of the lung mask over slices [z0, z1), after the closing; `runs` (the lungs before the
 * closing) give each slice's lung centres and extents. With `zones`, counts the added voxels into
 * their zone histograms. Returns the voxels added [right, left].
 */
export function fillPleuralDiseaseVolume(
  labels: Uint8Array,
  hu: Int16Array,
  padding: PaddingRule,
  runs: LabelledRuns,
  boneRuns: BodyAirRuns['bone'],
  bodyCentreX: Float64Array,
  spacingMm: readonly [number, number, number],
  xTowardsPatientLeft: boolean,
  yTowardsPosterior: boolean,
  airBelowHu: number,
  z0: number,
  z1: number,
  zones: ZoneHistograms | null,
): [number, number] {
  const { nx, ny, nz, rowStart } = runs;
  const dims = [nx, ny, nz] as const;
  const starts = runs.starts;
  const ends = runs.ends;
  const runLabel = runs.label;
  const slice = nx * ny;
  // Per slice and lung: centre and extent, from the runs.
  const lungs: (SliceLung | null)[][] = [];
  for (let z = z0; z < z1; z++) {
    const pair: (SliceLung | null)[] = [null, null];
    for (let y = 0; y < ny; y++) {
      const g = z * ny + y;
      for (let k = rowStart[g]!; k < rowStart[g + 1]!; k++) {
        const side = runLabel[k]! - 1;
        const s = starts[k]!;
        const e = ends[k]!;
        const lung = (pair[side] ??= { n: 0, cx: 0, cy: 0, x0: nx, x1: -1, y0: ny, y1: -1 });
        const len = e - s + 1;
        lung.n += len;
        lung.cx += ((s + e) * len) / 2;
        lung.cy += y * len;
        if (s < lung.x0) lung.x0 = s;
        if (e > lung.x1) lung.x1 = e;
        if (y < lung.y0) lung.y0 = y;
        lung.y1 = y;
      }
    }
    for (const lung of pair) {
      if (!lung) continue;
      lung.cx /= lung.n;
      lung.cy /= lung.n;
    }
    lungs.push(pair);
  }
  const added: [number, number] = [0, 0];
  const k = Math.max(0, Math.round(PLEURAL_BONE_SLAB_MM / spacingMm[2]));
  // bone[p] = bone voxels at in-slice position p within slices z - k .. z + k (a running count).
  const bone = new Uint16Array(slice);
  const addSlice = (z: number, d: number): void => {
    if (z < 0 || z >= nz) return;
    for (let y = 0; y < ny; y++) {
      const g = z * ny + y;
      const row = y * nx;
      for (let q = boneRuns.rowStart[g]!; q < boneRuns.rowStart[g + 1]!; q++) {
        for (let x = boneRuns.starts[q]!; x <= boneRuns.ends[q]!; x++) bone[row + x]! += d;
      }
    }
  };
  for (let z = z0 - k; z < z0 + k && z < nz; z++) addSlice(z, 1);
  // The right lung's lateral side is patient right.
  const rightLateral = xTowardsPatientLeft ? -1 : 1;
  const posterior = yTowardsPosterior ? 1 : -1;
  for (let z = z0; z < z1; z++) {
    addSlice(z + k, 1);
    // The window of slice z0 starts at z0 - k: nothing below it was added.
    if (z > z0) addSlice(z - k - 1, -1);
    const [right, left] = lungs[z - z0]!;
    // The body's centre line (NaN without a body: no ray is then taken for the spine's).
    const spineX = bodyCentreX[z]!;
    if (right) added[0] += fillPleuralDisease(labels, hu, padding, bone, dims, spacingMm, z, 1, right, rightLateral, posterior, airBelowHu, zones, spineX);
    if (left) added[1] += fillPleuralDisease(labels, hu, padding, bone, dims, spacingMm, z, 2, left, -rightLateral, posterior, airBelowHu, zones, spineX);
  }
  return added;
}

/**
 * Adds the recovered voxels of lung `label` in slice z to `labels`; returns how many. `airBelowHu`
 * is the mask's air threshold (outside air is below it).
 */
function fillPleuralDisease(
  labels: Uint8Array,
  hu: Int16Array,
  padding: PaddingRule,
  bone: Uint16Array,
  dims: readonly [number, number, number],
  spacingMm: readonly [number, number, number],
  z: number,
  label: number,
  lung: SliceLung,
  lateralSign: number,
  posteriorSign: number,
  airBelowHu: number,
  zones: ZoneHistograms | null,
  spineX: number,
): number {
  const minLateralCos = Math.cos((PLEURAL_MAX_ANGLE_FROM_LATERAL_DEG * Math.PI) / 180);
  const STEP = Math.max(1, Math.round(STEP_MM / Math.min(spacingMm[0], spacingMm[1])));
  const minPosteriorCos = Math.cos((PLEURAL_MAX_ANGLE_FROM_POSTERIOR_DEG * Math.PI) / 180);
  const [nx, ny] = dims;
  const pixelMm = Math.min(spacingMm[0], spacingMm[1]);
  const sx = spacingMm[0] / pixelMm;
  const sy = spacingMm[1] / pixelMm;
  const base = z * nx * ny;
  if (lung.n < 20) return 0;
  const { cx, cy, x0, x1, y0, y1 } = lung;
  const maxWall = PLEURAL_MAX_WALL_MM / pixelMm;
  // Far enough to pass the lung's far corner and a whole chest wall.
  const reach = Math.hypot(Math.max(cx - x0, x1 - cx) * sx, Math.max(cy - y0, y1 - cy) * sy) + maxWall + 2;
  const edge = new Float64Array(RAYS).fill(NaN);
  const wallEnd = new Float64Array(RAYS).fill(NaN);
  const wall = new Float64Array(RAYS).fill(NaN);
  /** Per costal ray: what ended the wall and, after fat, the distance on to bone (NaN: none within PLEURAL_MAX_WALL_MM). */
  const hitKind = new Uint8Array(RAYS);
  const boneAfterFat = new Float64Array(RAYS).fill(NaN);
  /** 1 for rays not looked at (medial or anterior): a bump may end there. */
  const medial = new Uint8Array(RAYS);
  const map = padding.map;
  for (let a = 0; a < RAYS; a++) {
    const t = (2 * Math.PI * a) / RAYS;
    // Steps of STEP pixels of the finer spacing along the ray, in index units.
    // Costal rays only: within PLEURAL_MAX_ANGLE_FROM_LATERAL_DEG of the lung's lateral direction.
    if (Math.cos(t) * lateralSign < minLateralCos || Math.sin(t) * posteriorSign < minPosteriorCos) {
      medial[a] = 1;
      continue;
    }
    const dx = (STEP * Math.cos(t)) / sx;
    const dy = (STEP * Math.sin(t)) / sy;
    let lastLung = -1;
    let hit = -1;
    for (let s = 0; s * STEP < reach; s++) {
      const x = Math.round(cx + s * dx);
      const y = Math.round(cy + s * dy);
      if (x < 0 || y < 0 || x >= nx || y >= ny) break;
      const p = y * nx + x;
      const i = base + p;
      const l = labels[i]!;
      if (l === label) {
        lastLung = s;
        continue;
      }
      if (lastLung < 0) continue;
      if (l !== 0) break; // the other lung
      if (bone[p]! > 0) {
        // Bone at the spine is the back of the mediastinum, not the rib cage: not a costal ray.
        if (Math.abs(x - spineX) * spacingMm[0] <= PLEURAL_SPINE_HALF_WIDTH_MM) medial[a] = 1;
        else hit = s;
        break;
      }
      const v = hu[i]!;
      const isPadding = map !== null ? map[i] !== 0 : v < padding.belowHu || (v >= padding.low && v <= padding.high);
      if (isPadding || v < airBelowHu) break; // air before the wall: not against the chest wall
      if (v <= PLEURAL_DENSE_LOW_HU || v >= PLEURAL_CARTILAGE_HU) {
        hit = s;
        hitKind[a] = v <= PLEURAL_DENSE_LOW_HU ? HIT_FAT : HIT_CARTILAGE;
        break;
      }
      if ((s - lastLung) * STEP > maxWall) break;
    }
    if (lastLung < 0 || hit < 0) continue;
    if (hitKind[a] === HIT_FAT) {
      // On past the fat to the rib, if any (a band of disease ending in extrapleural fat).
      for (let s = hit + 1; (s - hit) * STEP <= maxWall; s++) {
        const x = Math.round(cx + s * dx);
        const y = Math.round(cy + s * dy);
        if (x < 0 || y < 0 || x >= nx || y >= ny) break;
        const p = y * nx + x;
        if (labels[base + p] !== 0) break;
        const v = hu[base + p]!;
        if (v < airBelowHu) break;
        if (bone[p]! > 0) {
          if (Math.abs(x - spineX) * spacingMm[0] > PLEURAL_SPINE_HALF_WIDTH_MM) boneAfterFat[a] = (s - hit) * STEP;
          break;
        }
      }
    }
    edge[a] = lastLung * STEP;
    wallEnd[a] = hit * STEP;
    wall[a] = (hit - lastLung) * STEP;
  }
  // Opening over the angle (circular): running minimum, then running maximum, over the costal
  // rays of the window; a bump needs costal rays within the window on both sides.
  const half = Math.round(((PLEURAL_WINDOW_DEG / 360) * RAYS) / 2);
  const eroded = new Float64Array(RAYS).fill(NaN);
  for (let a = 0; a < RAYS; a++) {
    if (Number.isNaN(wall[a]!)) continue;
    let m = Infinity;
    for (let k = -half; k <= half; k++) {
      const w = wall[(a + k + RAYS) % RAYS]!;
      if (w < m) m = w;
    }
    eroded[a] = m;
  }
  const target = new Float64Array(RAYS).fill(NaN);
  const minDepth = PLEURAL_MIN_DEPTH_MM / pixelMm;
  let any = false;
  for (let a = 0; a < RAYS; a++) {
    if (Number.isNaN(wall[a]!)) continue;
    let m = -Infinity;
    for (let k = -half; k <= half; k++) {
      const w = eroded[(a + k + RAYS) % RAYS]!;
      if (w > m) m = w;
    }
    if (!(wall[a]! - m > minDepth)) continue;
    // Chest wall at about the reference thickness on both sides: a bump, not a ramp into the mediastinum.
    let before = false;
    let after = false;
    for (let k = 1; k <= half && !(before && after); k++) {
      const b = (a - k + RAYS) % RAYS;
      const f = (a + k) % RAYS;
      if (wall[b]! - m <= minDepth || medial[b] === 1) before = true;
      if (wall[f]! - m <= minDepth || medial[f] === 1) after = true;
    }
    if (before && after) {
      const limit = wallEnd[a]! - m;
      if (limit > edge[a]!) {
        target[a] = limit;
        any = true;
      }
    }
  }
  // Disease covers an arc of pleura; a bump on a few rays alone is a gap between ribs.
  const minRays = Math.ceil((PLEURAL_MIN_ARC_DEG / 360) * RAYS);
  if (any && !dropShortArcs(target, minRays)) target.fill(NaN);
  // Second pass: bands of disease along the whole arc (no healthy wall beside them in the window),
  // measured against the thinnest walls of this lung and slice instead.
  const walls: number[] = [];
  for (let a = 0; a < RAYS; a++) if (!Number.isNaN(wall[a]!)) walls.push(wall[a]!);
  walls.sort((p, q) => p - q);
  const ref = walls.length > 0 ? Math.max(PLEURAL_BAND_MIN_REFERENCE_MM / pixelMm, walls[Math.floor(PLEURAL_BAND_REFERENCE_PERCENTILE * walls.length)]!) : Infinity;
  const bandDepth = PLEURAL_BAND_MIN_DEPTH_MM / pixelMm;
  const maxFatGap = PLEURAL_BAND_MAX_FAT_GAP_MM / pixelMm;
  const maxBandWall = PLEURAL_BAND_MAX_WALL_MM / pixelMm;
  const band = new Float64Array(RAYS).fill(NaN);
  let anyBand = false;
  for (let a = 0; a < RAYS; a++) {
    if (Number.isNaN(wall[a]!) || !Number.isNaN(target[a]!)) continue;
    // Dense from the lung edge to bone, or to fat that lies on bone.
    let toBone = NaN;
    let limit = NaN;
    if (hitKind[a] === HIT_BONE) {
      toBone = wall[a]!;
      limit = wallEnd[a]! - ref;
    } else if (hitKind[a] === HIT_FAT && boneAfterFat[a]! <= maxFatGap) {
      toBone = wall[a]! + boneAfterFat[a]!;
      limit = Math.min(wallEnd[a]!, edge[a]! + toBone - ref);
    }
    if (!(toBone <= maxBandWall) || !(limit - edge[a]! >= bandDepth)) continue;
    band[a] = limit;
    anyBand = true;
  }
  if (anyBand) {
    // Bridges: a few rays between band rays whose dense run from the edge is as deep but ends in fat
    // or cartilage with no rib in reach (an intercostal space), or ends at a rib of the slab that
    // lies closer in; filled no deeper than the band on either side.
    const maxBridge = Math.round((PLEURAL_BAND_MAX_BRIDGE_DEG / 360) * RAYS);
    const bridgeDepth = PLEURAL_BAND_BRIDGE_MIN_DEPTH_MM / pixelMm;
    const weak = (a: number): boolean =>
      !Number.isNaN(wall[a]!) && Number.isNaN(target[a]!) && Number.isNaN(band[a]!) && (hitKind[a] === HIT_BONE ? wall[a]! - ref >= bridgeDepth : wall[a]! - ref >= bandDepth) && wall[a]! <= maxBandWall;
    const bridged = new Float64Array(RAYS).fill(NaN);
    for (let a = 0; a < RAYS; a++) {
      if (Number.isNaN(band[a]!)) continue;
      let n = 0;
      while (n <= maxBridge && weak((a + 1 + n) % RAYS)) n++;
      if (n === 0 || n > maxBridge) continue;
      const b = (a + 1 + n) % RAYS;
      if (Number.isNaN(band[b]!)) continue;
      const depth = Math.max(band[a]! - edge[a]!, band[b]! - edge[b]!);
      for (let j = 1; j <= n; j++) {
        const c = (a + j) % RAYS;
        bridged[c] = Math.min(hitKind[c] === HIT_BONE ? wallEnd[c]! - ref : wallEnd[c]!, edge[c]! + depth);
      }
    }
    for (let a = 0; a < RAYS; a++) if (!Number.isNaN(bridged[a]!)) band[a] = bridged[a]!;
    // An arc needs PLEURAL_BAND_MIN_ARC_DEG of band rays besides its bridges.
    const bandRays = Math.ceil((PLEURAL_BAND_MIN_ARC_DEG / 360) * RAYS);
    if (dropShortArcs(band, bandRays, bridged)) for (let a = 0; a < RAYS; a++) if (!Number.isNaN(band[a]!)) target[a] = band[a]!;
  }
  if (target.every((t) => Number.isNaN(t))) return 0;
  // Voxels beyond the lung edge and inside the recovered edge, dense but not bone, joined to the
  // lung; only the box around the bump rays is looked at.
  let fx0 = Infinity;
  let fx1 = -Infinity;
  let fy0 = Infinity;
  let fy1 = -Infinity;
  for (let a = 0; a < RAYS; a++) {
    if (Number.isNaN(target[a]!)) continue;
    for (const da of [-0.5, 0.5]) {
      const t = (2 * Math.PI * (a + da)) / RAYS;
      for (const r of [edge[a]!, target[a]!]) {
        const x = cx + (r * Math.cos(t)) / sx;
        const y = cy + (r * Math.sin(t)) / sy;
        fx0 = Math.min(fx0, x);
        fx1 = Math.max(fx1, x);
        fy0 = Math.min(fy0, y);
        fy1 = Math.max(fy1, y);
      }
    }
  }
  const bx0 = Math.max(0, Math.floor(fx0) - 1);
  const bx1 = Math.min(nx - 1, Math.ceil(fx1) + 1);
  const by0 = Math.max(0, Math.floor(fy0) - 1);
  const by1 = Math.min(ny - 1, Math.ceil(fy1) + 1);
  const w = bx1 - bx0 + 1;
  const h = by1 - by0 + 1;
  const candidate = new Uint8Array(w * h);
  for (let y = by0; y <= by1; y++) {
    for (let x = bx0; x <= bx1; x++) {
      const i = base + y * nx + x;
      if (labels[i] !== 0) continue;
      const v = hu[i]!;
      if (v <= PLEURAL_DENSE_LOW_HU || v > PLEURAL_DENSE_HIGH_HU) continue;
      const ex = (x - cx) * sx;
      const ey = (y - cy) * sy;
      let angle = Math.atan2(ey, ex);
      if (angle < 0) angle += 2 * Math.PI;
      const a = Math.round((angle / (2 * Math.PI)) * RAYS) % RAYS;
      const limit = target[a]!;
      if (Number.isNaN(limit)) continue;
      const r = Math.hypot(ex, ey);
      if (r > edge[a]! && r <= limit) candidate[(y - by0) * w + (x - bx0)] = 1;
    }
  }
  // Keep the candidates 4-connected to the lung.
  const queue = new Int32Array(w * h);
  let tail = 0;
  for (let y = by0; y <= by1; y++) {
    for (let x = bx0; x <= bx1; x++) {
      const q = (y - by0) * w + (x - bx0);
      if (candidate[q] !== 1) continue;
      const i = base + y * nx + x;
      const touches =
        (x > 0 && labels[i - 1] === label) || (x < nx - 1 && labels[i + 1] === label) || (y > 0 && labels[i - nx] === label) || (y < ny - 1 && labels[i + nx] === label);
      if (touches) {
        candidate[q] = 2;
        queue[tail++] = q;
      }
    }
  }
  let head = 0;
  while (head < tail) {
    const q = queue[head++]!;
    const y = (q / w) | 0;
    const x = q - y * w;
    const next = [x > 0 ? q - 1 : -1, x < w - 1 ? q + 1 : -1, y > 0 ? q - w : -1, y < h - 1 ? q + w : -1];
    for (const m of next) {
      if (m >= 0 && candidate[m] === 1) {
        candidate[m] = 2;
        queue[tail++] = m;
      }
    }
  }
  const histogram = zones !== null ? zoneHistogramOf(zones, label, z) : null;
  for (let q = 0; q < tail; q++) {
    const p = queue[q]!;
    const y = by0 + ((p / w) | 0);
    const x = bx0 + (p % w);
    labels[base + y * nx + x] = label;
    if (histogram !== null) histogram[hu[base + y * nx + x]! - EXACT_HISTOGRAM_OFFSET]!++;
  }
  return tail;
}

/**
 * Clears the runs of non-NaN entries (circular) with fewer than minRays entries, not counting those
 * that are non-NaN in `uncounted`; false if none is NaN (nothing to measure against).
 */
function dropShortArcs(target: Float64Array, minRays: number, uncounted: Float64Array | null = null): boolean {
  const start = target.findIndex((t) => Number.isNaN(t));
  if (start < 0) return false;
  for (let k = 0; k < RAYS; ) {
    const a = (start + k) % RAYS;
    if (Number.isNaN(target[a]!)) {
      k++;
      continue;
    }
    let length = 0;
    let counted = 0;
    while (length < RAYS && !Number.isNaN(target[(a + length) % RAYS]!)) {
      if (uncounted === null || Number.isNaN(uncounted[(a + length) % RAYS]!)) counted++;
      length++;
    }
    if (counted < minRays) for (let j = 0; j < length; j++) target[(a + j) % RAYS] = NaN;
    k += length;
  }
  return true;
}
