import type { Module } from '../../primitives/module.ts'
import type { TrialReport } from '../optimizer.ts'
import type { MiproCandidateProgram, MiproTrialLog } from './candidate-program.ts'

/** ANSI colours of DSPy's MIPROv2 log lines. */
export const GREEN = '\u001b[92m'
export const ENDC = '\u001b[0m'

/** One minibatch result of a parameter combination: score, program, raw parameters. */
export type ComboResult = [score: number, program: Module, params: Record<string, number>]

/** What MIPROv2's Bayesian search keeps between trials (DSPy's `nonlocal` variables). */
export interface SearchState {
  bestScore: number
  bestProgram: Module
  totalEvalCalls: number
  trialLogs: Record<number, MiproTrialLog>
  scoreData: MiproCandidateProgram[]
  /** By `chosenParams.join(',')`, in first-seen order. */
  paramScoreDict: Map<string, ComboResult[]>
  fullyEvaledParamCombos: Map<string, { program: Module; score: number }>
}

/** Sends one trial to the optimizer's callbacks. */
export type TrialReporter = (report: TrialReport) => void

/** The candidate part of a trial report, from the parameters of a trial. */
export function candidateOf(options: {
  program: Module
  params: Record<string, number>
  instructionCandidates: readonly (readonly string[])[]
}): TrialReport['candidate'] {
  return options.program.namedPredictors().map(([name], i) => {
    const instructionIndex = options.params[`${i}_predictor_instruction`]
    const demoSetIndex = options.params[`${i}_predictor_demos`]
    return {
      predictor: name,
      ...(instructionIndex === undefined
        ? {}
        : {
            instructionIndex,
            instruction: options.instructionCandidates[i]?.[instructionIndex],
          }),
      ...(demoSetIndex === undefined ? {} : { demoSetIndex }),
    }
  })
}
