/** Score statistics per depth, as COPRO's `results_best` / `results_latest` keep them. */
export interface COPROStats {
  depth: number[]
  max: number[]
  average: number[]
  min: number[]
  std: number[]
}

/** Empty statistics. */
export function emptyStats(): COPROStats {
  return { depth: [], max: [], average: [], min: [], std: [] }
}

/** Python's `statistics.pstdev` (population standard deviation). */
export function pstdev(values: readonly number[]): number {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0)
  return Math.sqrt(squares / values.length)
}

/**
 * Appends one depth's statistics of `scores` (max, average, min and population standard
 * deviation).
 *
 * @example
 * const stats = emptyStats()
 * recordStats({ stats, depth: 0, scores: [50, 100] }) // stats.average → [75]
 */
export function recordStats(options: { stats: COPROStats; depth: number; scores: number[] }): void {
  const { stats, depth, scores } = options
  stats.depth.push(depth)
  stats.max.push(Math.max(...scores))
  stats.average.push(scores.reduce((sum, score) => sum + score, 0) / scores.length)
  stats.min.push(Math.min(...scores))
  stats.std.push(pstdev(scores))
}
