import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { Example } from '../primitives/example.ts'
import { PythonRandom } from '../python/python-random.ts'

/** One raw record of a dataset split, before it becomes an {@link Example}. */
export type DatasetRecord = Record<string, unknown>

/** The three splits a dataset serves. */
export type DatasetSplit = 'train' | 'dev' | 'test'

/** Options of {@link Dataset} (DSPy's `Dataset.__init__` arguments, plus the injectable uuid). */
export interface DatasetOptions {
  /** Seed of the train shuffle (default 0). */
  trainSeed?: number
  /** Keep this many train examples after shuffling (default: all). */
  trainSize?: number
  /** Seed of the dev and test shuffles (default 0). */
  evalSeed?: number
  devSize?: number
  testSize?: number
  /** Input fields set on every example with `withInputs` (default: none). */
  inputKeys?: string[]
  /** Raw records of each split, for a dataset built directly from data. */
  records?: Partial<Record<DatasetSplit, readonly DatasetRecord[]>>
  /** Generates `dspy_uuid` values (default `crypto.randomUUID`). */
  uuid?: () => string
}

/** Options of {@link Dataset.resetSeeds}; absent values keep their current setting. */
export interface ResetSeedsOptions {
  trainSeed?: number
  trainSize?: number
  evalSeed?: number
  devSize?: number
  testSize?: number
}

/** Options of {@link Dataset.prepareBySeed} (DSPy's `prepare_by_seed`). */
export interface PrepareBySeedOptions {
  trainSeeds?: number[]
  trainSize?: number
  devSize?: number
  divideEvalPerSeed?: boolean
  evalSeed?: number
}

/**
 * DSPy's `dspy.datasets.Dataset`: raw records per split, served lazily as Examples. Each split is
 * shuffled with `random.Random(seed).shuffle` (bit-exact through {@link PythonRandom}), cut to its
 * size, and every record becomes `Example({ ...record, dspy_uuid, dspy_split })`, with
 * `withInputs(...inputKeys)` when input keys are set. Subclasses fill `trainRecords`,
 * `devRecords` and `testRecords` (usually in an async `load()`).
 *
 * @example
 * const data = new Dataset({
 *   records: { train: [{ question: 'q1', answer: 'a1' }, { question: 'q2', answer: 'a2' }] },
 *   trainSeed: 1,
 *   trainSize: 1,
 *   inputKeys: ['question'],
 * })
 * data.train // one Example, chosen by random.Random(1).shuffle
 */
export class Dataset {
  trainSeed: number
  trainSize: number | undefined
  devSeed: number
  devSize: number | undefined
  testSeed: number
  testSize: number | undefined
  inputKeys: string[]
  /** Whether splits are shuffled before truncation (DSPy's `do_shuffle`). */
  doShuffle = true
  readonly name: string
  protected trainRecords: readonly DatasetRecord[] | undefined
  protected devRecords: readonly DatasetRecord[] | undefined
  protected testRecords: readonly DatasetRecord[] | undefined
  protected readonly uuid: () => string
  private readonly served: Partial<Record<DatasetSplit, Example[]>> = {}

  constructor(options: DatasetOptions = {}) {
    this.trainSeed = options.trainSeed ?? 0
    this.trainSize = options.trainSize
    this.devSeed = options.evalSeed ?? 0
    this.devSize = options.devSize
    this.testSeed = options.evalSeed ?? 0
    this.testSize = options.testSize
    this.inputKeys = options.inputKeys ?? []
    this.trainRecords = options.records?.train
    this.devRecords = options.records?.dev
    this.testRecords = options.records?.test
    this.uuid = options.uuid ?? (() => globalThis.crypto.randomUUID())
    this.name = new.target.name
  }

  get train(): Example[] {
    return this.split('train', this.trainRecords, this.trainSize, this.trainSeed)
  }

  get dev(): Example[] {
    return this.split('dev', this.devRecords, this.devSize, this.devSeed)
  }

  get test(): Example[] {
    return this.split('test', this.testRecords, this.testSize, this.testSeed)
  }

  /** Changes seeds and sizes and forgets the served splits (DSPy's `reset_seeds`). */
  resetSeeds(options: ResetSeedsOptions = {}): void {
    this.trainSize = options.trainSize ?? this.trainSize
    this.trainSeed = options.trainSeed ?? this.trainSeed
    this.devSize = options.devSize ?? this.devSize
    this.devSeed = options.evalSeed ?? this.devSeed
    this.testSize = options.testSize ?? this.testSize
    this.testSeed = options.evalSeed ?? this.testSeed
    for (const split of ['train', 'dev', 'test'] as const) delete this.served[split]
  }

  /**
   * DSPy's `prepare_by_seed` on this (loaded) dataset: one train set per train seed and the dev
   * set (shuffled with `evalSeed`) divided among them. Leaves the last seed's settings in place.
   */
  prepareBySeed(options: PrepareBySeedOptions = {}): {
    trainSets: Example[][]
    evalSets: Example[][]
  } {
    const trainSeeds = options.trainSeeds ?? [1, 2, 3, 4, 5]
    const trainSize = options.trainSize ?? 16
    const devSize = options.devSize ?? 1000
    const divide = options.divideEvalPerSeed ?? true
    const evalSeed = options.evalSeed ?? 2023
    this.resetSeeds({ trainSize, evalSeed, devSize, testSize: 0 })
    const evalSet = this.dev
    const perSeed = divide ? Math.floor(devSize / trainSeeds.length) : devSize
    const trainSets: Example[][] = []
    const evalSets: Example[][] = []
    let offset = 0
    for (const trainSeed of trainSeeds) {
      this.resetSeeds({ trainSeed, trainSize, evalSeed, devSize, testSize: 0 })
      evalSets.push(evalSet.slice(offset, offset + perSeed))
      trainSets.push(this.train)
      if (evalSets.at(-1)!.length !== perSeed || trainSets.at(-1)!.length !== trainSize) {
        throw new InvalidArgumentError({
          message: `prepareBySeed needs ${trainSize} train and ${perSeed} eval examples per seed; the dataset has too few.`,
        })
      }
      if (divide) offset += perSeed
    }
    return { trainSets, evalSets }
  }

  private split(
    split: DatasetSplit,
    records: readonly DatasetRecord[] | undefined,
    size: number | undefined,
    seed: number,
  ): Example[] {
    const cached = this.served[split]
    if (cached) return cached
    if (!records) {
      throw new InvalidArgumentError({
        message: `${this.name} has no ${split} records: load the dataset first (await dataset.load()) or pass records.`,
      })
    }
    const list = [...records]
    if (this.doShuffle) new PythonRandom(seed).shuffle(list)
    const kept = size === undefined ? list : list.slice(0, size)
    const examples = kept.map((record) => {
      const example = new Example({ ...record, dspy_uuid: this.uuid(), dspy_split: split })
      return this.inputKeys.length > 0 ? example.withInputs(...this.inputKeys) : example
    })
    this.served[split] = examples
    return examples
  }
}
