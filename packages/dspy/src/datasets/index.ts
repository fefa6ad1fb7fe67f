/**
 * @module @dspyflow/dspy/datasets
 * DSPy's datasets: the {@link Dataset} base, GSM8K and HotPotQA (from local files or the Hugging
 * Face datasets server, cached as JSONL), and a seeded synthetic arithmetic set in GSM8K's shape.
 *
 * @example
 * import { GSM8K, gsm8kMetric } from '@dspyflow/dspy'
 * const gsm8k = await GSM8K.load()
 * const devset = gsm8k.dev.slice(0, 50)
 */
export {
  Dataset,
  type DatasetOptions,
  type DatasetRecord,
  type DatasetSplit,
  type PrepareBySeedOptions,
  type ResetSeedsOptions,
} from './dataset.ts'
export {
  GSM8K,
  type GSM8KOptions,
  type Gsm8kRecord,
  gsm8kMetric,
  parseGsm8kRecord,
  parseIntegerAnswer,
} from './gsm8k.ts'
export { HotPotQA, type HotPotQAOptions } from './hotpotqa.ts'
export {
  type DatasetFileSystem,
  DatasetUnavailableError,
  defaultDatasetCacheDir,
  fetchHuggingFaceRows,
  type HuggingFaceRowsOptions,
  huggingFaceRowsCachePath,
  huggingFaceRowsUrl,
  nodeDatasetFileSystem,
  parseJsonl,
  readJsonlFile,
} from './huggingface-rows.ts'
export {
  type ArithmeticDifficulty,
  type ArithmeticOperation,
  type ArithmeticProblem,
  applyArithmetic,
  type GenerateArithmeticOptions,
  generateArithmeticProblems,
  type ParsedArithmeticProblem,
  parseArithmeticProblem,
  type SyntheticArithmeticOptions,
  syntheticArithmetic,
} from './synthetic-arithmetic.ts'
