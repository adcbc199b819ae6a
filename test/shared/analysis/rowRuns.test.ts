import { describe, expect, it } from 'vitest';
import { complementRow, dilateRowsY, dilateRowX, subtractRow, unionRows, type RowRuns } from '../../../shared/analysis/rowRuns';

function toBits(row: RowRuns, width: number): number[] {
  const bits = new Array<number>(width).fill(0);
  for (let k = 0; k < row.length; k += 2) for (let x = row[k]!; x <= row[k + 1]!; x++) bits[x] = 1;
  return bits;
}

function toRuns(bits: readonly number[]): RowRuns {
  const out: RowRuns = [];
  for (let x = 0; x < bits.length; x++) {
    if (bits[x] !== 1) continue;
    const s = x;
    while (x + 1 < bits.length && bits[x + 1] === 1) x++;
    out.push(s, x);
  }
  return out;
}

/** A small deterministic generator (no Math.random in tests). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('row runs', () => {
  it('dilates, unites, complements and subtracts rows like a pixel-by-pixel computation', () => {
    const random = lcg(7);
    const width = 40;
    for (let trial = 0; trial < 50; trial++) {
      const rows = Array.from({ length: 12 }, () => toRuns(Array.from({ length: width }, () => (random() < 0.2 ? 1 : 0))));
      const r = 1 + (trial % 4);
      const dilated = dilateRowsY(rows.map((row) => dilateRowX(row, r, 0, width - 1)), r);
      for (let y = 0; y < rows.length; y++) {
        const expected = new Array<number>(width).fill(0);
        for (let yy = Math.max(0, y - r); yy <= Math.min(rows.length - 1, y + r); yy++) {
          const bits = toBits(rows[yy]!, width);
          for (let x = 0; x < width; x++) if (bits[x] === 1) for (let d = -r; d <= r; d++) if (x + d >= 0 && x + d < width) expected[x + d] = 1;
        }
        expect(toBits(dilated[y]!, width), `trial ${trial} row ${y}`).toEqual(expected);
      }
      const a = rows[0]!;
      const b = rows[1]!;
      expect(toBits(unionRows(a, b), width)).toEqual(toBits(a, width).map((v, x) => v | toBits(b, width)[x]!));
      expect(toBits(complementRow(a, 0, width - 1), width)).toEqual(toBits(a, width).map((v) => 1 - v));
      // Rows of a dilation minus the rows they grew from: what a closing adds.
      const grown = dilated[2]!;
      expect(toBits(subtractRow(grown, rows[2]!), width)).toEqual(toBits(grown, width).map((v, x) => v & (1 - toBits(rows[2]!, width)[x]!)));
      expect(toBits(subtractRow(a, b), width)).toEqual(toBits(a, width).map((v, x) => v & (1 - toBits(b, width)[x]!)));
    }
  });
});
