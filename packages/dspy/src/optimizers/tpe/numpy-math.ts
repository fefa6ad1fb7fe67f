/**
 * The float arithmetic of the NumPy calls Optuna's TPE makes, in the same order, so sums and
 * weights round as they do in NumPy: `ndarray.sum()` (pairwise summation with eight
 * accumulators) and `linspace`.
 */

/** NumPy's pairwise sum of float64 values (`pairwise_sum_DOUBLE`). */
export function pairwiseSum(values: readonly number[], start = 0, count = values.length): number {
  if (count < 8) {
    let result = 0
    for (let i = 0; i < count; i += 1) result += values[start + i]!
    return result
  }
  if (count <= 128) {
    const r = values.slice(start, start + 8)
    let i = 8
    for (; i < count - (count % 8); i += 8) {
      for (let j = 0; j < 8; j += 1) r[j] = r[j]! + values[start + i + j]!
    }
    let result = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!))
    for (; i < count; i += 1) result += values[start + i]!
    return result
  }
  let half = Math.floor(count / 2)
  half -= half % 8
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half)
}

/** `numpy.linspace(start, stop, num)` (endpoint included). */
export function linspace(start: number, stop: number, num: number): number[] {
  if (num <= 0) return []
  const divisions = num - 1
  if (divisions === 0) return [start]
  const step = (stop - start) / divisions
  const values = Array.from({ length: num }, (_, index) =>
    step === 0 ? (index / divisions) * (stop - start) + start : index * step + start,
  )
  values[num - 1] = stop
  return values
}
