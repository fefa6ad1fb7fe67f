import type { Example } from '../../primitives/example.ts'
import type { PythonRandom } from '../../python/python-random.ts'
import { EpochShuffledBatchSampler } from './batch-sampler.ts'
import type { GepaProgramAdapter } from './gepa-adapter.ts'
import { type Candidate, GepaState } from './gepa-state.ts'
import type { MergeProposer } from './merge.ts'
import { idxmax, selectFromParetoFront } from './pareto-front.ts'
import { pythonScoreText as py } from './python-text.ts'

/** What happened to one proposed candidate, for trial reporting. */
export interface GepaProposalOutcome {
  tag: 'reflective_mutation' | 'merge'
  candidate: Candidate
  parents: number[]
  accepted: boolean
  /** Subsample sums before (per parent for merges) and after. */
  subsampleScoresBefore: number[]
  subsampleScoresAfter: number[]
  subsampleIds: number[]
  /** For accepted candidates: the new index, its valset average and whether it is now the best. */
  index?: number
  valsetScore?: number
  isBest?: boolean
  iteration: number
}

/** Options of {@link runGepaEngine}. */
export interface GepaEngineOptions {
  seed: Candidate
  trainset: Example[]
  valset: Example[]
  adapter: GepaProgramAdapter
  rng: PythonRandom
  maxMetricCalls: number
  candidateSelectionStrategy: 'pareto' | 'current_best'
  reflectionMinibatchSize: number
  skipPerfectScore: boolean
  perfectScore: number
  merge?: MergeProposer
  onOutcome?: (outcome: GepaProposalOutcome) => void
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0)

function log(message: string): void {
  console.info(message)
}

async function evaluateOnValset(options: GepaEngineOptions, candidate: Candidate) {
  const result = await options.adapter.evaluate({
    batch: options.valset,
    candidate,
    captureTraces: true,
  })
  return new Map(result.scores.map((score, index) => [index, score]))
}

async function addProgram(
  options: GepaEngineOptions,
  state: GepaState,
  candidate: Candidate,
  parents: number[],
): Promise<{ index: number; valsetScore: number; isBest: boolean }> {
  const discovery = state.totalEvals
  const scores = await evaluateOnValset(options, candidate)
  state.totalEvals += scores.size
  state.numFullValEvals += 1
  const index = state.addProgram({ parents, candidate, scores, discoveryEvalCount: discovery })
  const valsetScore = state.averageScore(index)
  const isBest = state.bestProgram() === index
  if (isBest)
    log(
      `Iteration ${state.i + 1}: Found a better program on the valset with score ${py(valsetScore)}.`,
    )
  log(`Iteration ${state.i + 1}: Valset score for new program: ${py(valsetScore)}`)
  return { index, valsetScore, isBest }
}

interface ReflectiveProposal {
  candidate: Candidate
  parent: number
  subsampleIds: number[]
  before: number[]
  after: number[]
}

async function proposeReflective(
  options: GepaEngineOptions,
  state: GepaState,
  sampler: EpochShuffledBatchSampler,
): Promise<ReflectiveProposal | undefined> {
  const { adapter } = options
  const iteration = state.i + 1
  const parent =
    options.candidateSelectionStrategy === 'current_best'
      ? idxmax(state.aggregateScores)
      : selectFromParetoFront({
          fronts: state.frontMapping(),
          scores: state.aggregateScores,
          rng: options.rng,
        })
  const subsampleIds = sampler.nextMinibatchIds({
    trainsetSize: options.trainset.length,
    iteration: state.i,
  })
  const minibatch = subsampleIds.map((id) => options.trainset[id]!)
  const parentCandidate = state.candidates[parent]!
  const current = await adapter.evaluate({
    batch: minibatch,
    candidate: parentCandidate,
    captureTraces: true,
  })
  state.totalEvals += minibatch.length
  log(`Iteration ${iteration}: Selected program ${parent} score: ${py(state.averageScore(parent))}`)
  if (!current.trajectories || current.trajectories.length === 0) {
    log(`Iteration ${iteration}: No trajectories for parent ${parent}. Skipping.`)
    return undefined
  }
  if (options.skipPerfectScore && current.scores.every((score) => score >= options.perfectScore)) {
    log(`Iteration ${iteration}: All subsample scores perfect for parent ${parent}. Skipping.`)
    return undefined
  }
  const components = [state.takeNextComponent(parent)]
  let texts: Record<string, string>
  try {
    const dataset = await adapter.makeReflectiveDataset(parentCandidate, current, components)
    const propose = () => adapter.proposeNewTexts(parentCandidate, dataset, components)
    texts = await propose().catch((error: unknown) => {
      log(`Batched reflection failed (${(error as Error)?.message ?? error}); retrying per task.`)
      return propose()
    })
  } catch (error) {
    log(
      `Iteration ${iteration}: Exception during reflection: ${(error as Error)?.message ?? error}`,
    )
    return undefined
  }
  if (Object.keys(texts).length === 0) {
    log(
      `Iteration ${iteration}: Reflection returned no text updates; skipping proposal for this task.`,
    )
    return undefined
  }
  for (const [name, text] of Object.entries(texts))
    log(`Iteration ${iteration}: Proposed new text for ${name}: ${text}`)
  const candidate = { ...parentCandidate, ...texts }
  const next = await adapter.evaluate({ batch: minibatch, candidate, captureTraces: true })
  state.totalEvals += minibatch.length
  return { candidate, parent, subsampleIds, before: current.scores, after: next.scores }
}

async function tryMerge(options: GepaEngineOptions, state: GepaState): Promise<boolean> {
  const merge = options.merge
  if (!merge || merge.mergesDue <= 0 || !merge.lastIterFoundNewProgram) return false
  const proposal = await merge.propose(state)
  merge.lastIterFoundNewProgram = false
  if (!proposal) return false
  const iteration = state.i + 1
  const parents = [proposal.id1, proposal.id2]
  const newSum = sum(proposal.scoresAfter)
  const base = {
    tag: 'merge' as const,
    candidate: proposal.candidate,
    parents,
    subsampleScoresBefore: proposal.scoresBefore,
    subsampleScoresAfter: proposal.scoresAfter,
    subsampleIds: proposal.subsampleIds,
    iteration,
  }
  log(
    `Iteration ${iteration}: Merged programs ${proposal.id1} and ${proposal.id2} via ancestor ${proposal.ancestor}`,
  )
  if (newSum >= Math.max(...proposal.scoresBefore)) {
    const added = await addProgram(options, state, proposal.candidate, parents)
    merge.mergesDue -= 1
    merge.totalMergesTested += 1
    options.onOutcome?.({ ...base, accepted: true, ...added })
  } else {
    log(
      `Iteration ${iteration}: New program subsample score ${py(newSum)} is worse than both parents [${proposal.scoresBefore.map(py).join(', ')}], skipping merge`,
    )
    options.onOutcome?.({ ...base, accepted: false })
  }
  return true
}

/**
 * gepa's optimization loop (`GEPAEngine.run` with one reflective mutation per iteration and
 * full valset evaluation): evaluates the seed, then until the metric-call budget is spent
 * either merges two Pareto candidates (when one is due) or reflects on a minibatch and keeps
 * the mutation when its minibatch sum strictly improves.
 *
 * @example
 * const state = await runGepaEngine({ seed, trainset, valset, adapter, rng, maxMetricCalls: 100, ... })
 * state.candidates[state.bestProgram()]
 */
export async function runGepaEngine(options: GepaEngineOptions): Promise<GepaState> {
  const seedEvaluation = await options.adapter.evaluate({
    batch: options.valset,
    candidate: options.seed,
    captureTraces: false,
  })
  const state = new GepaState({
    seed: options.seed,
    seedScores: new Map(seedEvaluation.scores.map((score, index) => [index, score])),
  })
  log(
    `Iteration ${state.i + 1}: Base program full valset score: ${py(state.averageScore(0))} over ${options.valset.length} / ${options.valset.length} examples`,
  )
  const sampler = new EpochShuffledBatchSampler({
    minibatchSize: options.reflectionMinibatchSize,
    rng: options.rng,
  })
  if (options.merge) options.merge.lastIterFoundNewProgram = false
  while (state.totalEvals < options.maxMetricCalls) {
    state.i += 1
    if (await tryMerge(options, state)) continue
    if (options.merge) options.merge.lastIterFoundNewProgram = false
    const proposal = await proposeReflective(options, state, sampler)
    if (!proposal) {
      log(`Iteration ${state.i + 1}: Reflective mutation did not propose a new candidate`)
      continue
    }
    const [before, after] = [sum(proposal.before), sum(proposal.after)]
    const outcome = {
      tag: 'reflective_mutation' as const,
      candidate: proposal.candidate,
      parents: [proposal.parent],
      subsampleScoresBefore: [before],
      subsampleScoresAfter: proposal.after,
      subsampleIds: proposal.subsampleIds,
      iteration: state.i + 1,
    }
    if (after > before) {
      log(
        `Iteration ${state.i + 1}: Accepted candidate (subsample score ${py(before)} -> ${py(after)}); running full eval.`,
      )
      const added = await addProgram(options, state, proposal.candidate, [proposal.parent])
      options.onOutcome?.({ ...outcome, accepted: true, ...added })
      const merge = options.merge
      if (merge) {
        merge.lastIterFoundNewProgram = true
        if (merge.totalMergesTested < merge.maxMergeInvocations) merge.mergesDue += 1
      }
    } else {
      log(
        `Iteration ${state.i + 1}: New subsample score ${py(after)} is not better than old score ${py(before)}, skipping`,
      )
      options.onOutcome?.({ ...outcome, accepted: false })
    }
  }
  return state
}
