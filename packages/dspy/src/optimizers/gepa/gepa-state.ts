import type { ParetoFrontMapping } from './pareto-front.ts'
import { PythonIntSet } from './python-int-set.ts'

/** A candidate: predictor name → instruction text. */
export type Candidate = Record<string, string>

/**
 * The bookkeeping of one GEPA run (gepa's `GEPAState`): every candidate with its parents and
 * per-example validation scores, the per-example Pareto front, the round-robin position of each
 * candidate and the metric-call budget used.
 *
 * @example
 * const state = new GepaState({ seed: { predict: 'Answer.' }, seedScores: new Map([[0, 1]]) })
 * state.addProgram({ parents: [0], candidate: { predict: 'Be brief.' }, scores: new Map([[0, 1]]) })
 * state.programsAtFront.get(0) // candidates 0 and 1
 */
export class GepaState {
  readonly candidates: Candidate[]
  readonly parents: (number | null)[][]
  readonly valSubscores: Map<number, number>[]
  readonly paretoFront = new Map<number, number>()
  readonly programsAtFront: ParetoFrontMapping = new Map()
  readonly componentNames: string[]
  readonly nextComponent: number[]
  readonly discoveryEvalCounts: number[]
  /** The iteration number: -1 before the first iteration. */
  i = -1
  numFullValEvals = 1
  totalEvals: number

  constructor(options: { seed: Candidate; seedScores: Map<number, number> }) {
    this.candidates = [{ ...options.seed }]
    this.parents = [[null]]
    this.valSubscores = [new Map(options.seedScores)]
    for (const [valId, score] of options.seedScores) {
      this.paretoFront.set(valId, score)
      this.programsAtFront.set(valId, new PythonIntSet([0]))
    }
    this.componentNames = Object.keys(options.seed)
    this.nextComponent = [0]
    this.discoveryEvalCounts = [0]
    this.totalEvals = options.seedScores.size
  }

  /** Adds a fully evaluated candidate, updates the front and returns its index. */
  addProgram(options: {
    parents: number[]
    candidate: Candidate
    scores: Map<number, number>
    discoveryEvalCount?: number
  }): number {
    const index = this.candidates.length
    this.candidates.push({ ...options.candidate })
    this.discoveryEvalCounts.push(options.discoveryEvalCount ?? this.totalEvals)
    this.nextComponent.push(
      Math.max(0, ...options.parents.map((parent) => this.nextComponent[parent]!)),
    )
    this.parents.push([...options.parents])
    this.valSubscores.push(new Map(options.scores))
    for (const [valId, score] of options.scores) {
      const previous = this.paretoFront.get(valId) ?? Number.NEGATIVE_INFINITY
      if (score > previous) {
        this.paretoFront.set(valId, score)
        this.programsAtFront.set(valId, new PythonIntSet([index]))
      } else if (score === previous) {
        let front = this.programsAtFront.get(valId)
        if (!front) {
          front = new PythonIntSet()
          this.programsAtFront.set(valId, front)
        }
        front.add(index)
      }
    }
    return index
  }

  /** A copy of the fronts (gepa's `get_pareto_front_mapping`, which copies each set). */
  frontMapping(): ParetoFrontMapping {
    return new Map(
      [...this.programsAtFront].map(([valId, front]) => [valId, new PythonIntSet(front)]),
    )
  }

  /** The average validation score of a candidate (`-Infinity` when it has none). */
  averageScore(program: number): number {
    const scores = [...this.valSubscores[program]!.values()]
    if (scores.length === 0) return Number.NEGATIVE_INFINITY
    return scores.reduce((sum, score) => sum + score, 0) / scores.length
  }

  /** Every candidate's average validation score. */
  get aggregateScores(): number[] {
    return this.candidates.map((_, index) => this.averageScore(index))
  }

  /** The best candidate: highest average, then widest coverage, then earliest. */
  bestProgram(): number {
    let bestIndex = -1
    let bestScore = Number.NEGATIVE_INFINITY
    let bestCoverage = -1
    for (const [index, scores] of this.valSubscores.entries()) {
      const average = this.averageScore(index)
      if (average > bestScore || (average === bestScore && scores.size > bestCoverage)) {
        bestIndex = index
        bestScore = average
        bestCoverage = scores.size
      }
    }
    return bestIndex
  }

  /** Round-robin: the next component of a candidate to update, advancing its position. */
  takeNextComponent(program: number): string {
    const position = this.nextComponent[program]!
    this.nextComponent[program] = (position + 1) % this.componentNames.length
    return this.componentNames[position]!
  }
}
