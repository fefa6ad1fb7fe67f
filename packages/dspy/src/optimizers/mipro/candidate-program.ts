import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Evaluate } from '../../evaluate/evaluate.ts'
import type { Example } from '../../primitives/example.ts'
import type { Module } from '../../primitives/module.ts'
import type { PythonRandom } from '../../python/python-random.ts'
import type { Signature } from '../../signatures/signature.ts'
import type { Trial } from '../tpe/trial.ts'
import { createMinibatch } from './create-minibatch.ts'

/** Demo sets per predictor, or undefined when the search is zero-shot. */
export type DemoSets = readonly (readonly (readonly unknown[])[])[] | undefined

/** One trial of MIPROv2's `trial_logs`, DSPy's keys in camelCase; parameters under their names. */
export interface MiproTrialLog {
  /** `{i}_predictor_instruction` / `{i}_predictor_demos`: the chosen indices. */
  [parameter: string]: unknown
  mbScore?: number
  mbProgram?: Module
  mbProgramPath?: string | null
  fullEvalScore?: number
  fullEvalProgram?: Module
  fullEvalProgramPath?: string | null
  totalEvalCallsSoFar?: number
}

/** An evaluated program, as in MIPROv2's `candidate_programs` / `mb_candidate_programs`. */
export interface MiproCandidateProgram {
  score: number
  program: Module
  /** Evaluated on the whole valset. */
  fullEval: boolean
}

/**
 * DSPy's `eval_candidate_program`: the whole valset (callback metadata `eval_full`) when
 * `batchSize` covers it, else a minibatch drawn with `rng` (`eval_minibatch`). A failing
 * evaluation is logged and scores 0.
 */
export async function evalCandidateProgram(options: {
  batchSize: number
  valset: Example[]
  program: Module
  evaluate: Evaluate
  rng: PythonRandom
}): Promise<number> {
  const { batchSize, valset, program, evaluate, rng } = options
  try {
    if (batchSize >= valset.length) {
      const result = await evaluate.call(program, {
        devset: valset,
        callbackMetadata: { metric_key: 'eval_full' },
      })
      return result.score
    }
    const result = await evaluate.call(program, {
      devset: createMinibatch({ items: valset, batchSize, rng }),
      callbackMetadata: { metric_key: 'eval_minibatch' },
    })
    return result.score
  } catch (error) {
    console.error('An exception occurred during evaluation', error)
    return 0
  }
}

/**
 * DSPy's `save_candidate_program`: saves to `{logDir}/evaluated_programs/program_{trial}[_{note}].json`
 * and returns the path; nothing (null) without a log directory.
 */
export async function saveCandidateProgram(options: {
  program: Module
  logDir: string | undefined
  trialNum: number
  note?: string
}): Promise<string | null> {
  if (!options.logDir) return null
  const directory = join(options.logDir, 'evaluated_programs')
  await mkdir(directory, { recursive: true })
  const suffix = options.note ? `_${options.note}` : ''
  const path = join(directory, `program_${options.trialNum}${suffix}.json`)
  await options.program.save(path)
  return path
}

/** The choices of every parameter: `{i}_predictor_instruction` and, with demos, `{i}_predictor_demos`. */
export function paramDistributions(options: {
  instructionCandidates: readonly (readonly string[])[]
  demoCandidates: DemoSets
}): Record<string, number[]> {
  const range = (count: number) => Array.from({ length: count }, (_, index) => index)
  const distributions: Record<string, number[]> = {}
  for (const [index, candidates] of options.instructionCandidates.entries()) {
    distributions[`${index}_predictor_instruction`] = range(candidates.length)
    if (options.demoCandidates?.length) {
      distributions[`${index}_predictor_demos`] = range(options.demoCandidates[index]!.length)
    }
  }
  return distributions
}

/** The parameters a trial chose, as DSPy logs them and as they go back into the study. */
export interface ChosenParams {
  /** `Predictor 0: Instruction 2`, `Predictor 0: Few-Shot Set 4`, ... */
  chosenParams: string[]
  /** `{ '0_predictor_instruction': 2, '0_predictor_demos': 4 }`. */
  rawChosenParams: Record<string, number>
}

/**
 * DSPy's `_select_and_insert_instructions_and_demos`: per predictor, asks the trial for an
 * instruction index (and a demo-set index) and puts that instruction (and those demos) into
 * `candidate`, recording the indices in the trial log.
 */
export function selectAndInsertInstructionsAndDemos(options: {
  candidate: Module
  instructionCandidates: readonly (readonly string[])[]
  demoCandidates: DemoSets
  trial: Trial
  trialLog: MiproTrialLog
}): ChosenParams {
  const { candidate, instructionCandidates, demoCandidates, trial, trialLog } = options
  const chosenParams: string[] = []
  const rawChosenParams: Record<string, number> = {}
  const range = (count: number) => Array.from({ length: count }, (_, index) => index)
  for (const [i, predictor] of candidate.predictors().entries()) {
    const target = predictor as unknown as { signature: Signature; demos: unknown[] }
    const instructionKey = `${i}_predictor_instruction`
    const instructionIndex = trial.suggestCategorical(
      instructionKey,
      range(instructionCandidates[i]!.length),
    )
    target.signature = target.signature.withInstructions(
      instructionCandidates[i]![instructionIndex]!,
    )
    trialLog[instructionKey] = instructionIndex
    chosenParams.push(`Predictor ${i}: Instruction ${instructionIndex}`)
    rawChosenParams[instructionKey] = instructionIndex
    if (demoCandidates?.length) {
      const demosKey = `${i}_predictor_demos`
      const demosIndex = trial.suggestCategorical(demosKey, range(demoCandidates[i]!.length))
      target.demos = [...demoCandidates[i]![demosIndex]!]
      trialLog[demosKey] = demosIndex
      chosenParams.push(`Predictor ${i}: Few-Shot Set ${demosIndex}`)
      rawChosenParams[demosKey] = demosIndex
    }
  }
  return { chosenParams, rawChosenParams }
}
