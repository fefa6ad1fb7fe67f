import type { PythonRandom } from '../../python/python-random.ts'
import type { Candidate, GepaState } from './gepa-state.ts'
import { findDominatorPrograms } from './pareto-front.ts'
import { pythonChoices } from './python-choices.ts'
import { PythonIntSet } from './python-int-set.ts'

/** A merged candidate with its two parents and their common ancestor. */
export interface MergeAttempt {
  candidate: Candidate
  id1: number
  id2: number
  ancestor: number
}

/** What a merge proposal hands the engine: the merged candidate and the subsample scores. */
export interface MergeProposal extends MergeAttempt {
  subsampleIds: number[]
  /** The parents' subsample sums, `[sum(id1), sum(id2)]`. */
  scoresBefore: [number, number]
  scoresAfter: number[]
}

const maxAttempts = 10
const numSubsampleIds = 5

/** Whether some component equals the ancestor's in one child and differs in the other. */
function hasDesirablePredictors(
  candidates: Candidate[],
  ancestor: number,
  id1: number,
  id2: number,
) {
  return Object.keys(candidates[ancestor]!).some((name) => {
    const [a, b, c] = [candidates[ancestor]![name], candidates[id1]![name], candidates[id2]![name]]
    return (a === b || a === c) && b !== c
  })
}

function ancestorsOf(parents: (number | null)[][], node: number, found: PythonIntSet): number[] {
  for (const parent of parents[node]!) {
    if (parent !== null && !found.has(parent)) {
      found.add(parent)
      ancestorsOf(parents, parent, found)
    }
  }
  return [...found]
}

/**
 * gepa's `MergeProposer`: after a new candidate is found, combines two Pareto-front candidates
 * that descend from a common ancestor, taking from each the components it changed, and scores
 * the merge on a small validation subsample.
 *
 * @example
 * const merge = new MergeProposer({ rng, maxMergeInvocations: 5, evaluate })
 * const proposal = await merge.propose(state)
 */
export class MergeProposer {
  mergesDue = 0
  totalMergesTested = 0
  lastIterFoundNewProgram = false
  readonly maxMergeInvocations: number
  private readonly rng: PythonRandom
  private readonly valOverlapFloor: number
  private readonly evaluate: (candidate: Candidate, valIds: number[]) => Promise<number[]>
  private readonly triedTriplets: string[] = []
  private readonly mergeDescriptions: string[] = []

  constructor(options: {
    rng: PythonRandom
    maxMergeInvocations: number
    valOverlapFloor?: number
    /** Scores a candidate on validation examples (by id), in the given order. */
    evaluate: (candidate: Candidate, valIds: number[]) => Promise<number[]>
  }) {
    this.rng = options.rng
    this.maxMergeInvocations = options.maxMergeInvocations
    this.valOverlapFloor = options.valOverlapFloor ?? 5
    this.evaluate = options.evaluate
  }

  private findCommonAncestorPair(
    state: GepaState,
    programs: number[],
    scores: number[],
  ): [number, number, number] | undefined {
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      if (programs.length < 2) return undefined
      let [i, j] = this.rng.sample(programs, 2) as [number, number]
      if (i === j) continue
      if (j < i) [i, j] = [j, i]
      const ancestorsI = ancestorsOf(state.parents, i, new PythonIntSet())
      const ancestorsJ = ancestorsOf(state.parents, j, new PythonIntSet())
      if (ancestorsI.includes(j) || ancestorsJ.includes(i)) continue
      const common = [
        ...new PythonIntSet(ancestorsI).intersection(new PythonIntSet(ancestorsJ)),
      ].filter(
        (ancestor) =>
          !this.triedTriplets.includes(`${i},${j},${ancestor}`) &&
          scores[ancestor]! <= scores[i]! &&
          scores[ancestor]! <= scores[j]! &&
          hasDesirablePredictors(state.candidates, ancestor, i, j),
      )
      if (common.length > 0) {
        const weights = common.map((ancestor) => scores[ancestor]!)
        const [ancestor] = pythonChoices({ rng: this.rng, population: common, weights })
        return [i, j, ancestor!]
      }
    }
    return undefined
  }

  private attemptMerge(state: GepaState, programs: number[], scores: number[]) {
    if (programs.length < 2 || state.parents.length < 3) return undefined
    for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
      const found = this.findCommonAncestorPair(state, programs, scores)
      if (!found) continue
      const [id1, id2, ancestor] = found
      if (this.triedTriplets.includes(`${id1},${id2},${ancestor}`)) continue
      const candidates = state.candidates
      const candidate: Candidate = { ...candidates[ancestor]! }
      const description: number[] = []
      for (const name of Object.keys(candidates[ancestor]!)) {
        const [a, b, c] = [
          candidates[ancestor]![name],
          candidates[id1]![name],
          candidates[id2]![name],
        ]
        let source: number
        if ((a === b || a === c) && b !== c) source = a === b ? id2 : id1
        else if (a !== b && a !== c) {
          if (scores[id1]! > scores[id2]!) source = id1
          else if (scores[id2]! > scores[id1]!) source = id2
          else source = this.rng.choice([id1, id2])
        } else source = id1
        candidate[name] = candidates[source]![name]!
        description.push(source)
      }
      const key = `${id1},${id2},${description.join(',')}`
      if (this.mergeDescriptions.includes(key)) continue
      const common = [...state.valSubscores[id1]!.keys()].filter((id) =>
        state.valSubscores[id2]!.has(id),
      )
      if (common.length < this.valOverlapFloor) continue
      this.mergeDescriptions.push(key)
      return { candidate, id1, id2, ancestor }
    }
    return undefined
  }

  /** gepa's `select_eval_subsample_for_merged_program`: up to 5 ids, balanced by who wins. */
  selectSubsample(scores1: Map<number, number>, scores2: Map<number, number>): number[] {
    const common = [
      ...new PythonIntSet(scores1.keys()).intersection(new PythonIntSet(scores2.keys())),
    ]
    const p1 = common.filter((id) => scores1.get(id)! > scores2.get(id)!)
    const p2 = common.filter((id) => scores2.get(id)! > scores1.get(id)!)
    const p3 = common.filter((id) => !p1.includes(id) && !p2.includes(id))
    const each = Math.max(1, Math.ceil(numSubsampleIds / 3))
    const selected: number[] = []
    for (const bucket of [p1, p2, p3]) {
      if (selected.length >= numSubsampleIds) break
      const available = bucket.filter((id) => !selected.includes(id))
      const take = Math.min(available.length, each, numSubsampleIds - selected.length)
      if (take > 0) selected.push(...this.rng.sample(available, take))
    }
    const remaining = numSubsampleIds - selected.length
    if (remaining > 0) {
      const unused = common.filter((id) => !selected.includes(id))
      if (unused.length >= remaining) selected.push(...this.rng.sample(unused, remaining))
      else if (common.length > 0)
        selected.push(...pythonChoices({ rng: this.rng, population: common, k: remaining }))
    }
    return selected.slice(0, numSubsampleIds)
  }

  /** One merge attempt; undefined when no pair qualifies. Counts its metric calls in the state. */
  async propose(state: GepaState): Promise<MergeProposal | undefined> {
    if (!(this.lastIterFoundNewProgram && this.mergesDue > 0)) return undefined
    const scores = state.aggregateScores
    const programs = findDominatorPrograms({ fronts: state.frontMapping(), scores })
    const attempt = this.attemptMerge(state, programs, scores)
    if (!attempt) return undefined
    const { id1, id2, ancestor } = attempt
    this.triedTriplets.push(`${id1},${id2},${ancestor}`)
    const subsampleIds = this.selectSubsample(state.valSubscores[id1]!, state.valSubscores[id2]!)
    if (subsampleIds.length === 0) return undefined
    const sum = (program: number) =>
      subsampleIds.reduce((total, id) => total + state.valSubscores[program]!.get(id)!, 0)
    const scoresAfter = await this.evaluate(attempt.candidate, subsampleIds)
    state.totalEvals += subsampleIds.length
    return { ...attempt, subsampleIds, scoresBefore: [sum(id1), sum(id2)], scoresAfter }
  }
}
