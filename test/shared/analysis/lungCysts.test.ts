import { describe, expect, it } from 'vitest';
import { segmentLungs } from '../../../shared/analysis/lungMask';
import { CYST_MAX_GAP_MM, CYST_MAX_HEIGHT_MM, CYST_MAX_MEAN_HU } from '../../../shared/analysis/lungCysts';

/**
 * A block chest at 1 mm voxels: soft tissue (40 HU) in air, two lung boxes (-850 HU) of 56 mL each,
 * and small air pockets beside the right lung's lateral face (its first column is x = 20): what
 * lungCysts.ts joins and what it leaves out. The pleural step is off so that only the cyst step and
 * the closing act.
 */
const [NX, NY, NZ] = [100, 80, 40];
const index = (x: number, y: number, z: number) => (z * NY + y) * NX + x;

function chest(): Int16Array {
  const hu = new Int16Array(NX * NY * NZ).fill(-1000);
  const fill = (x0: number, x1: number, y0: number, y1: number, z0: number, z1: number, v: number) => {
    for (let z = z0; z <= z1; z++) for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) hu[index(x, y, z)] = v;
  };
  fill(2, NX - 3, 2, NY - 3, 0, NZ - 1, 40);
  fill(20, 44, 10, 65, 0, NZ - 1, -850); // right lung (low x: patient right with identity direction)
  fill(55, 79, 10, 65, 0, NZ - 1, -850); // left lung
  return hu;
}

function segment(hu: Int16Array) {
  const mask = segmentLungs({ hu, dimensions: [NX, NY, NZ], spacingMm: [1, 1, 1], padding: { belowHu: -1500 } }, { pleuralFill: false });
  if (!mask.ok) throw new Error(mask.error.message);
  return mask.value.labels;
}

/** A 4 x 4 x 4 mm pocket of `hu` whose highest x is `xEnd`. */
function pocket(hu: Int16Array, xEnd: number, y0: number, z0: number, value: number, height = 4): void {
  for (let z = z0; z < z0 + height; z++) for (let y = y0; y < y0 + 4; y++) for (let x = xEnd - 3; x <= xEnd; x++) hu[index(x, y, z)] = value;
}

describe('air cysts walled off beside the lung (lungCysts.ts)', () => {
  it('joins a row of cysts behind a 1 mm wall, and the row behind it', () => {
    const hu = chest();
    pocket(hu, 18, 20, 10, -920); // cyst x 15..18 behind a 1 mm wall (x = 19)
    pocket(hu, 12, 20, 10, -920); // second row: x 9..12 behind a 2 mm wall (x = 13, 14)
    const labels = segment(hu);
    expect(labels[index(16, 21, 11)]).toBe(1);
    expect(labels[index(10, 21, 11)]).toBe(1);
    // The closing then closes the walls between them and the lung.
    expect(labels[index(19, 21, 11)]).toBe(1);
    expect(labels[index(14, 21, 11)]).toBe(1);
    // Without the cyst step the pockets stay out.
    const without = segmentLungs({ hu, dimensions: [NX, NY, NZ], spacingMm: [1, 1, 1], padding: { belowHu: -1500 } }, { pleuralFill: false, joinCysts: false });
    if (!without.ok) throw new Error(without.error.message);
    expect(without.value.labels[index(16, 21, 11)]).toBe(0);
  });

  it(`leaves out a pocket more than ${CYST_MAX_GAP_MM} mm from the lung, a fat-like speck, and a tube taller than ${CYST_MAX_HEIGHT_MM} mm`, () => {
    const hu = chest();
    pocket(hu, 16, 20, 10, -920); // wall x 17..19 is 3 mm thick
    pocket(hu, 18, 35, 10, CYST_MAX_MEAN_HU + 200); // air-threshold noise in fat: mean -300 HU
    pocket(hu, 18, 50, 5, -920, CYST_MAX_HEIGHT_MM + 5); // the oesophagus beside the lung
    const labels = segment(hu);
    expect(labels[index(14, 21, 11)]).toBe(0);
    expect(labels[index(17, 36, 11)]).toBe(0);
    expect(labels[index(17, 51, 11)]).toBe(0);
  });

  it('gives a cyst the label of the lung it lies beside', () => {
    const hu = chest();
    pocket(hu, 53, 30, 10, -920); // 1 mm in front of the left lung's medial face (x = 55): wall x = 54
    const labels = segment(hu);
    expect(labels[index(51, 31, 11)]).toBe(2);
  });
});
