import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import type { Evaluate } from '../../evaluate/evaluate.ts'
import type { Example } from '../../primitives/example.ts'
import type { Module } from '../../primitives/module.ts'
import { pythonFloatRepr } from '../../python/py-float.ts'
import type { PythonRandom } from '../../python/python-random.ts'
import type { Study } from '../tpe/study.ts'
import {
  type DemoSets,
  evalCandidateProgram,
  paramDistributions,
  saveCandidateProgram,
} from './candidate-program.ts'
import {
  type ComboResult,
  candidateOf,
  ENDC,
  GREEN,
  type SearchState,
  type TrialReporter,
} from './search-state.ts'

/**
 * DSPy's `get_program_with_highest_avg_score`: the parameter combination with the highest mean
 * minibatch score that was not evaluated on the full valset yet (the first one on ties).
 */
export function getProgramWithHighestAvgScore(
  paramScoreDict: ReadonlyMap<string, readonly ComboResult[]>,
  fullyEvaledParamCombos: ReadonlyMap<string, unknown>,
): { program: Module; mean: number; key: string; params: Record<string, number> } {
  const results = [...paramScoreDict].map(([key, values]) => {
    let sum = 0
    for (const [score] of values) sum += score
    const [, program, params] = values[0]!
    return { key, mean: sum / values.length, program, params }
  })
  results.sort((a, b) => b.mean - a.mean)
  const best = results.find((result) => !fullyEvaledParamCombos.has(result.key))
  if (!best) {
    throw new InvalidArgumentError({ message: 'No valid program found in param_score_dict' })
  }
  return best
}

/** Everything {@link performFullEvaluation} needs. */
export interface FullEvaluationOptions {
  trialNum: number
  adjustedNumTrials: number
  state: SearchState
  evaluate: Evaluate
  valset: Example[]
  study: Study
  instructionCandidates: readonly (readonly string[])[]
  demoCandidates: DemoSets
  rng: PythonRandom
  logDir: string | undefined
  reportTrial: TrialReporter
}

/**
 * DSPy's `_perform_full_evaluation`: evaluates the best-averaging combination on the whole
 * valset as trial `trialNum + 1`, adds it to the study as a finished trial (so TPE learns from
 * it) and makes it the best program when its score is strictly higher.
 */
export async function performFullEvaluation(options: FullEvaluationOptions): Promise<void> {
  const { trialNum, state, valset } = options
  console.info(`===== Trial ${trialNum + 1} / ${options.adjustedNumTrials} - Full Evaluation =====`)
  const { program, mean, key, params } = getProgramWithHighestAvgScore(
    state.paramScoreDict,
    state.fullyEvaledParamCombos,
  )
  console.info(
    `Doing full eval on next top averaging program (Avg Score: ${pythonFloatRepr(mean)}) from minibatch trials...`,
  )
  const score = await evalCandidateProgram({
    batchSize: valset.length,
    valset,
    program,
    evaluate: options.evaluate,
    rng: options.rng,
  })
  state.scoreData.push({ score, program, fullEval: true })
  options.study.addTrial({
    params,
    distributions: paramDistributions({
      instructionCandidates: options.instructionCandidates,
      demoCandidates: options.demoCandidates,
    }),
    value: score,
  })
  state.fullyEvaledParamCombos.set(key, { program, score })
  state.totalEvalCalls += valset.length
  state.trialLogs[trialNum + 1] = {
    totalEvalCallsSoFar: state.totalEvalCalls,
    fullEvalProgramPath: await saveCandidateProgram({
      program,
      logDir: options.logDir,
      trialNum: trialNum + 1,
      note: 'full_eval',
    }),
    fullEvalProgram: program,
    fullEvalScore: score,
  }
  const isBest = score > state.bestScore
  if (isBest) {
    console.info(`${GREEN}New best full eval score!${ENDC} Score: ${pythonFloatRepr(score)}`)
    state.bestScore = score
    state.bestProgram = program.deepcopy()
  }
  options.reportTrial({
    trial: trialNum + 1,
    evaluation: 'full',
    evaluationSize: valset.length,
    score,
    candidate: candidateOf({
      program,
      params,
      instructionCandidates: options.instructionCandidates,
    }),
    program,
    isBest,
    details: { averageMinibatchScore: mean, parameters: key },
  })
  const fullScores = state.scoreData.filter((entry) => entry.fullEval).map((entry) => entry.score)
  console.info(`Full eval scores so far: [${fullScores.map(pythonFloatRepr).join(', ')}]`)
  console.info(`Best full score so far: ${pythonFloatRepr(state.bestScore)}`)
  console.info('='.repeat(`===== Full Eval ${state.fullyEvaledParamCombos.size + 1} =====`.length))
  console.info('\n')
}
