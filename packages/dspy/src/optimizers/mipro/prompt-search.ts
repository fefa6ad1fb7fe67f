import type { Evaluate } from '../../evaluate/evaluate.ts'
import type { Example } from '../../primitives/example.ts'
import type { Module } from '../../primitives/module.ts'
import { pythonFloatRepr } from '../../python/py-float.ts'
import { pythonRepr } from '../../python/py-repr.ts'
import type { PythonRandom } from '../../python/python-random.ts'
import type { Signature } from '../../signatures/signature.ts'
import { createStudy } from '../tpe/study.ts'
import { TPESampler } from '../tpe/tpe-sampler.ts'
import type { Trial } from '../tpe/trial.ts'
import { adjustedNumTrials as adjustTrials } from './auto-settings.ts'
import {
  type DemoSets,
  evalCandidateProgram,
  type MiproCandidateProgram,
  type MiproTrialLog,
  paramDistributions,
  saveCandidateProgram,
  selectAndInsertInstructionsAndDemos,
} from './candidate-program.ts'
import { performFullEvaluation } from './full-evaluation.ts'
import { candidateOf, ENDC, GREEN, type SearchState, type TrialReporter } from './search-state.ts'

/** What MIPROv2 attaches to the program it returns (with `trackStats`). */
export interface MiproProgramStats {
  trialLogs: Record<number, MiproTrialLog>
  score: number
  promptModelTotalCalls: number
  totalCalls: number
  /** Minibatch evaluations, best first. */
  mbCandidatePrograms: MiproCandidateProgram[]
  /** Full-valset evaluations, best first. */
  candidatePrograms: MiproCandidateProgram[]
}

/** Options of {@link searchPromptParameters} (Step 3 of MIPROv2). */
export interface PromptSearchOptions {
  program: Module
  instructionCandidates: readonly (readonly string[])[]
  demoCandidates: DemoSets
  evaluate: Evaluate
  valset: Example[]
  numTrials: number
  minibatch: boolean
  minibatchSize: number
  minibatchFullEvalSteps: number
  /** Seeds the TPE sampler. */
  seed: number
  /** MIPROv2's generator: draws the minibatches. */
  rng: PythonRandom
  logDir: string | undefined
  verbose: boolean
  trackStats: boolean
  reportTrial: TrialReporter
}

const scoresText = (scores: number[]) => `[${scores.map(pythonFloatRepr).join(', ')}]`

/** Prints each predictor's instruction and last field prefix (DSPy's `print_full_program`). */
function printFullProgram(program: Module): void {
  for (const [i, predictor] of program.predictors().entries()) {
    const signature = (predictor as unknown as { signature: Signature }).signature
    console.log(`Predictor ${i}`)
    console.log(`i: ${signature.instructions}`)
    console.log(`p: ${signature.fields[signature.fields.length - 1]?.prefix}`)
  }
  console.log('\n')
}

/**
 * Step 3 of MIPROv2 (DSPy's `_optimize_prompt_parameters`): evaluates the default program on the
 * whole valset (trial 1), adds it to a maximising study with `TPESampler({ seed, multivariate })`,
 * then runs `numTrials` trials, each choosing an instruction (and a demo set) per predictor and
 * evaluating on a minibatch (or the whole valset). With minibatches, every
 * `minibatchFullEvalSteps + 1`-th trial number and the last-but-one one also evaluate the
 * best-averaging untested combination on the whole valset. Only full evaluations can make a
 * program the best. Returns the best program, with {@link MiproProgramStats} when `trackStats`.
 */
export async function searchPromptParameters(options: PromptSearchOptions): Promise<Module> {
  const { program, instructionCandidates, demoCandidates, evaluate, valset, rng } = options
  const { numTrials, minibatch, minibatchSize, minibatchFullEvalSteps: steps } = options
  console.info('==> STEP 3: FINDING OPTIMAL PROMPT PARAMETERS <==')
  console.info(
    'We will evaluate the program over a series of trials with different combinations of instructions and few-shot examples to find the optimal combination using Bayesian Optimization.\n',
  )
  const adjusted = adjustTrials({ numTrials, minibatch, fullEvalSteps: steps })
  console.info(`== Trial 1 / ${adjusted} - Full Evaluation of Default Program ==`)
  const defaultScore = await evalCandidateProgram({
    batchSize: valset.length,
    valset,
    program,
    evaluate,
    rng,
  })
  console.info(`Default program score: ${pythonFloatRepr(defaultScore)}\n`)
  const defaultParams: Record<string, number> = {}
  for (const [i] of program.predictors().entries()) defaultParams[`${i}_predictor_instruction`] = 0
  if (demoCandidates?.length) {
    for (const [i] of program.predictors().entries()) defaultParams[`${i}_predictor_demos`] = 0
  }
  options.reportTrial({
    trial: 1,
    evaluation: 'full',
    evaluationSize: valset.length,
    score: defaultScore,
    candidate: candidateOf({ program, params: defaultParams, instructionCandidates }),
    program,
    isBest: true,
    details: { defaultProgram: true },
  })
  const state: SearchState = {
    bestScore: defaultScore,
    bestProgram: program.deepcopy(),
    totalEvalCalls: valset.length,
    trialLogs: {
      1: {
        fullEvalProgramPath: await saveCandidateProgram({
          program,
          logDir: options.logDir,
          trialNum: -1,
        }),
        fullEvalScore: defaultScore,
        totalEvalCallsSoFar: valset.length,
        fullEvalProgram: program.deepcopy(),
      },
    },
    scoreData: [{ score: defaultScore, program: program.deepcopy(), fullEval: true }],
    paramScoreDict: new Map(),
    fullyEvaledParamCombos: new Map(),
  }
  const study = createStudy({
    direction: 'maximize',
    sampler: new TPESampler({ seed: options.seed, multivariate: true }),
  })

  const objective = async (trial: Trial): Promise<number> => {
    const trialNum = trial.number + 1
    if (minibatch) console.info(`== Trial ${trialNum} / ${adjusted} - Minibatch ==`)
    else console.info(`===== Trial ${trialNum} / ${numTrials} =====`)
    const trialLog: MiproTrialLog = {}
    state.trialLogs[trialNum] = trialLog
    const candidate = program.deepcopy()
    const { chosenParams, rawChosenParams } = selectAndInsertInstructionsAndDemos({
      candidate,
      instructionCandidates,
      demoCandidates,
      trial,
      trialLog,
    })
    if (options.verbose) {
      console.info('Evaluating the following candidate program...\n')
      printFullProgram(candidate)
    }
    const batchSize = minibatch ? minibatchSize : valset.length
    const score = await evalCandidateProgram({
      batchSize,
      valset,
      program: candidate,
      evaluate,
      rng,
    })
    state.totalEvalCalls += batchSize
    const isBest = !minibatch && score > state.bestScore
    if (isBest) {
      state.bestScore = score
      state.bestProgram = candidate.deepcopy()
      console.info(`${GREEN}Best full score so far!${ENDC} Score: ${pythonFloatRepr(score)}`)
    }
    const fullEval = batchSize >= valset.length
    state.scoreData.push({ score, program: candidate, fullEval })
    const path = await saveCandidateProgram({
      program: candidate,
      logDir: options.logDir,
      trialNum,
    })
    const mbScores = state.scoreData.filter((entry) => !entry.fullEval).map((entry) => entry.score)
    const fullScores = state.scoreData.filter((entry) => entry.fullEval).map((entry) => entry.score)
    if (minibatch) {
      Object.assign(trialLog, {
        mbProgramPath: path,
        mbScore: score,
        totalEvalCallsSoFar: state.totalEvalCalls,
        mbProgram: candidate.deepcopy(),
      })
      console.info(
        `Score: ${pythonFloatRepr(score)} on minibatch of size ${batchSize} with parameters ${pythonRepr(chosenParams)}.`,
      )
      console.info(`Minibatch scores so far: ${scoresText(mbScores)}`)
      console.info(`Full eval scores so far: ${scoresText(fullScores)}`)
      console.info(`Best full score so far: ${pythonFloatRepr(state.bestScore)}`)
      const header = `== Trial ${trialNum} / ${adjusted} - Minibatch Evaluation ==`
      console.info(`${'='.repeat(header.length)}\n\n`)
    } else {
      Object.assign(trialLog, {
        fullEvalProgramPath: path,
        fullEvalScore: score,
        totalEvalCallsSoFar: state.totalEvalCalls,
        fullEvalProgram: candidate.deepcopy(),
      })
      console.info(`Score: ${pythonFloatRepr(score)} with parameters ${pythonRepr(chosenParams)}.`)
      console.info(`Scores so far: ${scoresText(fullScores)}`)
      console.info(`Best score so far: ${pythonFloatRepr(state.bestScore)}`)
      console.info(`${'='.repeat(`===== Trial ${trialNum} / ${numTrials} =====`.length)}\n\n`)
    }
    options.reportTrial({
      trial: trialNum,
      evaluation: fullEval ? 'full' : 'minibatch',
      evaluationSize: Math.min(batchSize, valset.length),
      score,
      candidate: candidateOf({
        program: candidate,
        params: rawChosenParams,
        instructionCandidates,
      }),
      program: candidate,
      isBest,
      details: { parameters: chosenParams.join(',') },
    })
    const key = chosenParams.join(',')
    const results = state.paramScoreDict.get(key) ?? []
    results.push([score, candidate, rawChosenParams])
    state.paramScoreDict.set(key, results)
    if (minibatch && (trialNum % (steps + 1) === 0 || trialNum === adjusted - 1)) {
      await performFullEvaluation({
        trialNum,
        adjustedNumTrials: adjusted,
        state,
        evaluate,
        valset,
        study,
        instructionCandidates,
        demoCandidates,
        rng,
        logDir: options.logDir,
        reportTrial: options.reportTrial,
      })
    }
    return score
  }

  study.addTrial({
    params: defaultParams,
    distributions: paramDistributions({ instructionCandidates, demoCandidates }),
    value: defaultScore,
  })
  await study.optimize(objective, { nTrials: numTrials })

  const best = state.bestProgram
  if (options.trackStats) {
    const sorted = [...state.scoreData].sort((a, b) => b.score - a.score)
    const stats: MiproProgramStats = {
      trialLogs: state.trialLogs,
      score: state.bestScore,
      promptModelTotalCalls: 0,
      totalCalls: 0,
      mbCandidatePrograms: sorted.filter((entry) => !entry.fullEval),
      candidatePrograms: sorted.filter((entry) => entry.fullEval),
    }
    Object.assign(best, stats)
  }
  console.info(`Returning best identified program with score ${pythonFloatRepr(state.bestScore)}!`)
  return best
}
