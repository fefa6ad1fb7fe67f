import type { Module } from '../../primitives/module.ts'
import type { Signature } from '../../signatures/signature.ts'
import type { GepaState } from './gepa-state.ts'
import { idxmax } from './pareto-front.ts'

/**
 * What `trackStats` attaches as `detailedResults` (DSPy's `DspyGEPAResult`): every candidate
 * program with its lineage, validation scores, the per-example Pareto front and the budget spent
 * when each candidate was found.
 *
 * @example
 * const compiled = await new GEPA({ metric, reflectionLm, auto: 'light', trackStats: true }).compile(program, { trainset, valset })
 * const results = (compiled as typeof compiled & { detailedResults: DspyGEPAResult }).detailedResults
 * results.valAggregateScores[results.bestIdx]
 */
export class DspyGEPAResult {
  /** The candidate programs, in discovery order (0 is the seed). */
  readonly candidates: Module[]
  /** Per candidate, its parents (`[null]` for the seed, two for a merge). */
  readonly parents: (number | null)[][]
  /** Per candidate, its average validation score. */
  readonly valAggregateScores: number[]
  /** Per candidate, its score on each validation example (by index). */
  readonly valSubscores: number[][]
  /** Per validation example, the candidates reaching its best score (the Pareto front). */
  readonly perValInstanceBestCandidates: number[][]
  /** Per candidate, the metric calls spent before it was found. */
  readonly discoveryEvalCounts: number[]
  readonly totalMetricCalls: number
  readonly numFullValEvals: number
  readonly seed: number

  constructor(options: { state: GepaState; programs: Module[]; seed: number }) {
    const { state } = options
    this.candidates = options.programs
    this.parents = state.parents.map((parents) => [...parents])
    this.valAggregateScores = state.aggregateScores
    this.valSubscores = state.valSubscores.map((scores) => [...scores.values()])
    this.perValInstanceBestCandidates = [...state.programsAtFront.values()].map((front) => [
      ...front,
    ])
    this.discoveryEvalCounts = [...state.discoveryEvalCounts]
    this.totalMetricCalls = state.totalEvals
    this.numFullValEvals = state.numFullValEvals
    this.seed = options.seed
  }

  /** The index of the best average validation score (the first on ties). */
  get bestIdx(): number {
    return idxmax(this.valAggregateScores)
  }

  get bestCandidate(): Module {
    return this.candidates[this.bestIdx]!
  }

  /** Per validation example, the best score any candidate reached. */
  get highestScoreAchievedPerValTask(): number[] {
    return this.perValInstanceBestCandidates.map(
      (front, valId) => this.valSubscores[front[0]!]![valId]!,
    )
  }

  /** DSPy's `to_dict()`, with each candidate as predictor name → instruction. */
  toDict(): Record<string, unknown> {
    return {
      candidates: this.candidates.map((program) =>
        Object.fromEntries(
          program
            .namedPredictors()
            .map(([name, predictor]) => [
              name,
              (predictor as unknown as { signature: Signature }).signature.instructions,
            ]),
        ),
      ),
      parents: this.parents,
      val_aggregate_scores: this.valAggregateScores,
      best_outputs_valset: null,
      val_subscores: this.valSubscores,
      per_val_instance_best_candidates: this.perValInstanceBestCandidates,
      val_aggregate_subscores: null,
      per_objective_best_candidates: null,
      objective_pareto_front: null,
      discovery_eval_counts: this.discoveryEvalCounts,
      total_metric_calls: this.totalMetricCalls,
      num_full_val_evals: this.numFullValEvals,
      log_dir: null,
      seed: this.seed,
      best_idx: this.bestIdx,
    }
  }
}
