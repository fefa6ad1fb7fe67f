import type { BaseLM } from '../../lm/base-lm.ts'
import { Predict } from '../../predict/predict.ts'
import type { Example } from '../../primitives/example.ts'
import { settings } from '../../settings/settings.ts'
import {
  DatasetDescriptor,
  DatasetDescriptorWithPriorObservations,
  ObservationSummarizer,
} from './dataset-signatures.ts'
import { examplesRepr, orderInputKeysInString, stripPrefix } from './propose-utils.ts'

/** Options of {@link createDatasetSummary}. */
export interface CreateDatasetSummaryOptions {
  trainset: readonly Example[]
  /** Examples shown per call (DSPy's `view_data_batch_size`, default 10). */
  viewDataBatchSize?: number
  /** The LM of the meta-prompts (default: the `lm` setting). */
  promptModel?: BaseLM | undefined
  verbose?: boolean
}

const sampling = { config: { n: 1, temperature: 1.0 } }

/**
 * DSPy's `create_dataset_summary`: observations on the first batch of examples
 * (`DatasetDescriptor`), then on up to 8 more batches (`DatasetDescriptorWithPriorObservations`;
 * an answer starting with «COMPLETE» adds nothing, and 5 such answers stop), concatenated and
 * summarised by `ObservationSummarizer`. A failure during the extra batches keeps the
 * observations gathered so far. The summary goes through `stripPrefix`.
 *
 * @example
 * const summary = await createDatasetSummary({ trainset, promptModel })
 */
export async function createDatasetSummary(options: CreateDatasetSummaryOptions): Promise<string> {
  const { trainset, verbose = false } = options
  const batchSize = options.viewDataBatchSize ?? 10
  const promptModel = options.promptModel ?? (settings.get('lm') as BaseLM | undefined)
  const withLm = <T>(fn: () => Promise<T>) =>
    promptModel ? settings.context({ lm: promptModel }, fn) : fn()
  const describe = (batch: readonly Example[]) => orderInputKeysInString(examplesRepr(batch))
  if (verbose)
    console.info('\nBootstrapping dataset summary (this will be used to generate instructions)...')
  const first = await withLm(() =>
    new Predict(DatasetDescriptor, sampling).call({
      examples: describe(trainset.slice(0, Math.min(trainset.length, batchSize))),
    }),
  )
  let observations = String(first.get('observations'))
  let skips = 0
  try {
    let calls = 0
    for (let start = batchSize; batchSize > 0 && start < trainset.length; start += batchSize) {
      calls += 1
      if (calls >= 10) break
      const output = await withLm(() =>
        new Predict(DatasetDescriptorWithPriorObservations, sampling).call({
          prior_observations: observations,
          examples: describe(trainset.slice(start, Math.min(trainset.length, start + batchSize))),
        }),
      )
      const text = String(output.get('observations'))
      if (text.length >= 8 && text.slice(0, 8).toUpperCase() === 'COMPLETE') {
        skips += 1
        if (skips >= 5) break
        continue
      }
      observations += text
    }
  } catch (error) {
    if (verbose)
      console.info(`e ${String(error)}. using observations from past round for a summary.`)
  }
  const summary = await withLm(() =>
    new Predict(ObservationSummarizer, sampling).call({ observations }),
  )
  const text = stripPrefix(String(summary.get('summary')))
  if (verbose) console.info(`\nGenerated summary: ${text}\n`)
  return text
}
