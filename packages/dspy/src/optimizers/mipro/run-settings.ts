import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import type { Example } from '../../primitives/example.ts'
import type { PythonRandom } from '../../python/python-random.ts'
import {
  AUTO_RUN_SETTINGS,
  type AutoRunMode,
  MIN_MINIBATCH_SIZE,
  numTrialsFromCandidates,
} from './auto-settings.ts'
import { createMinibatch } from './create-minibatch.ts'

/**
 * DSPy's `_set_and_validate_datasets`: without a valset, the last 80% of the trainset (at most
 * 1000 examples, at least 1) becomes the valset and the rest the trainset.
 */
export function splitDatasets(
  trainset: Example[],
  valset: Example[] | undefined,
): { trainset: Example[]; valset: Example[] } {
  if (!trainset || trainset.length === 0) {
    throw new InvalidArgumentError({ message: 'Trainset cannot be empty.' })
  }
  if (valset === undefined || valset === null) {
    if (trainset.length < 2) {
      throw new InvalidArgumentError({
        message: 'Trainset must have at least 2 examples if no valset specified.',
      })
    }
    const valsetSize = Math.min(1000, Math.max(1, Math.trunc(trainset.length * 0.8)))
    const cutoff = trainset.length - valsetSize
    return { trainset: trainset.slice(0, cutoff), valset: trainset.slice(cutoff) }
  }
  if (valset.length < 1) {
    throw new InvalidArgumentError({ message: 'Validation set must have at least 1 example.' })
  }
  return { trainset, valset }
}

/** The search budget after DSPy's `_set_hyperparams_from_run_mode`. */
export interface RunSettings {
  numTrials: number
  valset: Example[]
  minibatch: boolean
  numInstructCandidates: number
  numFewshotCandidates: number
}

/**
 * DSPy's `_set_hyperparams_from_run_mode`: without `auto`, the given numbers; with it, the
 * preset's `n` candidates (half as many instructions unless zero-shot), the valset re-ordered
 * and cut to the preset's size with `createMinibatch` (consuming `rng`), minibatches when it has
 * more than 50 examples, and `numTrialsFromCandidates` trials.
 */
export function runSettingsFromMode(options: {
  auto: AutoRunMode | null
  numPredictors: number
  numTrials: number | undefined
  minibatch: boolean
  zeroshot: boolean
  valset: Example[]
  numCandidates: number | undefined
  rng: PythonRandom
}): RunSettings {
  const { auto, zeroshot } = options
  if (auto === null) {
    if (options.numCandidates === undefined || options.numTrials === undefined) {
      throw new InvalidArgumentError({
        message: 'num_candidates must be provided when auto is None.',
      })
    }
    return {
      numTrials: options.numTrials,
      valset: options.valset,
      minibatch: options.minibatch,
      numInstructCandidates: options.numCandidates,
      numFewshotCandidates: options.numCandidates,
    }
  }
  const preset = AUTO_RUN_SETTINGS[auto]
  const valset = createMinibatch({
    items: options.valset,
    batchSize: preset.valSize,
    rng: options.rng,
  })
  return {
    numTrials: numTrialsFromCandidates({
      numPredictors: options.numPredictors,
      zeroshot,
      numCandidates: preset.n,
    }),
    valset,
    minibatch: valset.length > MIN_MINIBATCH_SIZE,
    numInstructCandidates: zeroshot ? preset.n : Math.trunc(preset.n * 0.5),
    numFewshotCandidates: preset.n,
  }
}

/** DSPy's `_print_auto_run_settings` text. */
export function autoRunSettingsText(auto: AutoRunMode, settings: RunSettings): string {
  return (
    `\nRUNNING WITH THE FOLLOWING ${auto.toUpperCase()} AUTO RUN SETTINGS:` +
    `\nnum_trials: ${settings.numTrials}` +
    `\nminibatch: ${settings.minibatch ? 'True' : 'False'}` +
    `\nnum_fewshot_candidates: ${settings.numFewshotCandidates}` +
    `\nnum_instruct_candidates: ${settings.numInstructCandidates}` +
    `\nvalset size: ${settings.valset.length}\n`
  )
}
