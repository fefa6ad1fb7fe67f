import { join } from 'node:path'
import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { Example } from '../primitives/example.ts'
import { pythonStr } from '../python/py-repr.ts'
import { pythonStrip } from '../python/py-text.ts'
import { PythonRandom } from '../python/python-random.ts'
import type { DatasetRecord } from './dataset.ts'
import { type DatasetFileSystem, fetchHuggingFaceRows, readJsonlFile } from './huggingface-rows.ts'

/** A GSM8K example as DSPy builds it. */
export interface Gsm8kRecord {
  question: string
  /** The official solution without its final `#### n` line, whitespace collapsed to single spaces. */
  gold_reasoning: string
  /** The final number, as `str(int(...))` with commas removed. */
  answer: string
}

/** Options of {@link GSM8K}. */
export interface GSM8KOptions {
  /** A folder holding `train.jsonl` and `test.jsonl` in GSM8K's format (`question`, `answer`). */
  path?: string
  /** Injectable fetch for the Hugging Face download (used when `path` is absent). */
  fetch?: typeof globalThis.fetch
  /** Cache folder of the download (default `$DSPYFLOW_DATA_DIR` or `~/.cache/dspyflow/datasets`). */
  cacheDir?: string
  fs?: DatasetFileSystem
}

// Python's str.split() separators.
const pythonWhitespace =
  /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/

function pythonSplit(text: string): string[] {
  return text.split(pythonWhitespace).filter((token) => token !== '')
}

/** Python's `int(text)` for decimal strings (sign, underscores between digits, outer spaces). */
function pythonInt(text: string): bigint | undefined {
  const stripped = pythonStrip(text)
  if (!/^[+-]?\d+(_\d+)*$/.test(stripped)) return undefined
  return BigInt(stripped.replaceAll('_', ''))
}

/**
 * Turns an official GSM8K record (`question`, `answer` ending in `#### n`) into DSPy's
 * `{ question, gold_reasoning, answer }`.
 *
 * @example
 * parseGsm8kRecord({ question: 'q', answer: 'It is 1,000.\n#### 1,000' })
 * // { question: 'q', gold_reasoning: 'It is 1,000.', answer: '1000' }
 */
export function parseGsm8kRecord(record: { question?: unknown; answer?: unknown }): Gsm8kRecord {
  const question = String(record.question)
  const tokens = pythonSplit(pythonStrip(String(record.answer)))
  const value = pythonInt((tokens.at(-1) ?? '').replaceAll(',', ''))
  if (tokens.at(-2) !== '####' || value === undefined) {
    throw new InvalidArgumentError({
      message: `Not a GSM8K answer (it must end with "#### <integer>"): ${String(record.answer).slice(-80)}`,
    })
  }
  return { question, gold_reasoning: tokens.slice(0, -2).join(' '), answer: value.toString() }
}

/**
 * DSPy's GSM8K: the grade-school math benchmark, split exactly as `dspy.datasets.gsm8k.GSM8K`
 * does: the official train split shuffled with `random.Random(0)` gives `train` (first 200) and
 * `dev` (next 300); the official test split shuffled with a fresh `random.Random(0)` gives `test`
 * (all 1319). Every example is `Example({ question, gold_reasoning, answer }).withInputs('question')`.
 *
 * Loading reads files, so it is async: `await GSM8K.load(options)` (or
 * `await new GSM8K(options).load()`). The data comes from `path` when given, else from the
 * Hugging Face datasets server (`openai/gsm8k`, config `main`), cached as JSONL.
 *
 * @example
 * const gsm8k = await GSM8K.load()
 * const trainset = gsm8k.train
 * const devset = gsm8k.dev.slice(0, 50)
 */
export class GSM8K {
  /** DSPy sets this to False: the splits are shuffled once, at load. */
  readonly doShuffle = false
  readonly options: GSM8KOptions
  private splits: { train: Example[]; dev: Example[]; test: Example[] } | undefined

  constructor(options: GSM8KOptions = {}) {
    this.options = options
  }

  /** Loads and splits GSM8K. */
  static load(options: GSM8KOptions = {}): Promise<GSM8K> {
    return new GSM8K(options).load()
  }

  /** Reads (or downloads) both official splits and builds train, dev and test; returns `this`. */
  async load(): Promise<this> {
    const [officialTrain, officialTest] = await Promise.all([
      this.readSplit('train'),
      this.readSplit('test'),
    ])
    const train = officialTrain.map(parseGsm8kRecord)
    const test = officialTest.map(parseGsm8kRecord)
    new PythonRandom(0).shuffle(train)
    new PythonRandom(0).shuffle(test)
    const toExample = (record: Gsm8kRecord) => new Example({ ...record }).withInputs('question')
    this.splits = {
      train: train.slice(0, 200).map(toExample),
      dev: train.slice(200, 500).map(toExample),
      test: test.map(toExample),
    }
    return this
  }

  get loaded(): boolean {
    return this.splits !== undefined
  }

  get train(): Example[] {
    return this.loadedSplits().train
  }

  get dev(): Example[] {
    return this.loadedSplits().dev
  }

  get test(): Example[] {
    return this.loadedSplits().test
  }

  private loadedSplits() {
    if (!this.splits) {
      throw new InvalidArgumentError({
        message: 'GSM8K is not loaded yet: use `await GSM8K.load()` or `await gsm8k.load()`.',
      })
    }
    return this.splits
  }

  private readSplit(split: 'train' | 'test'): Promise<DatasetRecord[]> {
    const { path, fs } = this.options
    if (path !== undefined) return readJsonlFile({ path: join(path, `${split}.jsonl`), fs })
    return fetchHuggingFaceRows({
      dataset: 'openai/gsm8k',
      config: 'main',
      split,
      fetch: this.options.fetch,
      cacheDir: this.options.cacheDir,
      fs,
    })
  }
}

function integerAnswer(answer: string, onlyFirstLine: boolean): bigint {
  let text = onlyFirstLine ? pythonStrip(answer).split('\n')[0]! : answer
  const withDigits = pythonSplit(text).filter((token) => /[0-9]/.test(token))
  if (withDigits.length === 0) return 0n
  text = withDigits
    .at(-1)!
    .split('.')[0]!
    .replace(/[^0-9]/g, '')
  return text === '' ? 0n : BigInt(text)
}

/**
 * DSPy's `parse_integer_answer`: on the first line only (by default), the last whitespace token
 * holding a digit, cut at its first `.`, with every non-digit removed (so `-5` gives 5 and
 * `1,000` gives 1000); 0 when there is none. Only ASCII digits count.
 *
 * @example
 * parseIntegerAnswer('The answer is $1,250.50') // 1250
 */
export function parseIntegerAnswer(answer: string, onlyFirstLine = true): number {
  return Number(integerAnswer(answer, onlyFirstLine))
}

/**
 * DSPy's `gsm8k_metric`: whether the integers parsed from `str(gold.answer)` and
 * `str(pred.answer)` are equal.
 *
 * @example
 * gsm8kMetric(new Example({ answer: '42' }), new Prediction({ answer: 'It is 42.' })) // true
 */
export function gsm8kMetric(
  gold: { readonly [field: string]: unknown },
  pred: { readonly [field: string]: unknown },
  _trace?: unknown,
): boolean {
  return integerAnswer(pythonStr(gold.answer), true) === integerAnswer(pythonStr(pred.answer), true)
}
