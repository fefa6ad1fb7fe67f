import { join } from 'node:path'
import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { PythonRandom } from '../python/python-random.ts'
import { Dataset, type DatasetOptions, type DatasetRecord } from './dataset.ts'
import { type DatasetFileSystem, fetchHuggingFaceRows, readJsonlFile } from './huggingface-rows.ts'

/** Options of {@link HotPotQA}: the {@link Dataset} seeds and sizes, plus where the data comes from. */
export interface HotPotQAOptions extends Omit<DatasetOptions, 'records'> {
  /**
   * Which fields train/dev records keep: `'dev_titles'` (default: question, answer, and
   * `gold_titles` on dev only), `true` (also id, type, gold_titles, context) or `false`
   * (question, answer).
   */
  keepDetails?: 'dev_titles' | boolean
  /** Make dev from the last 25% of the shuffled hard train records (default true). */
  unofficialDev?: boolean
  /** A folder with `train.jsonl` and `validation.jsonl` rows of `hotpot_qa`/`fullwiki`. */
  path?: string
  fetch?: typeof globalThis.fetch
  cacheDir?: string
  fs?: DatasetFileSystem
}

/** The set of supporting-fact titles, from HF's `{ title: [...] }` or the original `[[title, n]]`. */
function goldTitles(supportingFacts: unknown): Set<string> {
  if (Array.isArray(supportingFacts)) {
    return new Set(supportingFacts.map((fact) => String((fact as unknown[])[0])))
  }
  const titles = (supportingFacts as { title?: unknown[] } | undefined)?.title ?? []
  return new Set(titles.map(String))
}

function pick(raw: DatasetRecord, keys: string[]): DatasetRecord {
  const record: DatasetRecord = {}
  for (const key of keys) {
    if (!(key in raw)) {
      throw new InvalidArgumentError({ message: `HotPotQA record without \`${key}\`.` })
    }
    record[key] = raw[key]
  }
  if ('supporting_facts' in record) {
    record.gold_titles = goldTitles(record.supporting_facts)
    delete record.supporting_facts
  }
  return record
}

/**
 * DSPy's HotPotQA (`dspy.datasets.HotPotQA`): the hard examples of `hotpot_qa`/`fullwiki`'s train
 * split, shuffled with `random.Random(0)`; the first 75% are the train records and the last 25%
 * the (unofficial) dev records; the official validation split is the test set. `gold_titles` is a
 * `Set` of supporting-fact titles. Seeds, sizes and input keys then work as in {@link Dataset}
 * (train/dev/test are shuffled again with their seeds and cut to their sizes).
 *
 * Load with `await HotPotQA.load(options)` or `await new HotPotQA(options).load()`.
 *
 * @example
 * const hotpot = await HotPotQA.load({ trainSeed: 1, trainSize: 20, evalSeed: 2023, devSize: 50, testSize: 0 })
 * const trainset = hotpot.train.map((x) => x.withInputs('question'))
 */
export class HotPotQA extends Dataset {
  readonly keepDetails: 'dev_titles' | boolean
  readonly unofficialDev: boolean
  private readonly source: Pick<HotPotQAOptions, 'path' | 'fetch' | 'cacheDir' | 'fs'>

  constructor(options: HotPotQAOptions = {}) {
    super(options)
    this.keepDetails = options.keepDetails ?? 'dev_titles'
    this.unofficialDev = options.unofficialDev ?? true
    this.source = {
      path: options.path,
      fetch: options.fetch,
      cacheDir: options.cacheDir,
      fs: options.fs,
    }
  }

  /** Loads HotPotQA. */
  static load(options: HotPotQAOptions = {}): Promise<HotPotQA> {
    return new HotPotQA(options).load()
  }

  /** Reads (or downloads) the train and validation splits and builds the records; returns `this`. */
  async load(): Promise<this> {
    const [officialTrain, officialDev] = await Promise.all([
      this.readSplit('train'),
      this.readSplit('validation'),
    ])
    const keys =
      this.keepDetails === true
        ? ['id', 'question', 'answer', 'type', 'supporting_facts', 'context']
        : this.keepDetails === 'dev_titles'
          ? ['question', 'answer', 'supporting_facts']
          : ['question', 'answer']
    const train = officialTrain.filter((raw) => raw.level === 'hard').map((raw) => pick(raw, keys))
    new PythonRandom(0).shuffle(train)
    const cut = Math.floor((train.length * 75) / 100)
    this.trainRecords = train.slice(0, cut)
    this.devRecords = this.unofficialDev ? train.slice(cut) : undefined
    if (this.keepDetails === 'dev_titles') {
      for (const record of this.trainRecords) delete record.gold_titles
    }
    this.testRecords = officialDev.map((raw) => {
      if (raw.level !== 'hard') {
        throw new InvalidArgumentError({
          message: `HotPotQA's validation split should hold only hard examples; got level ${String(raw.level)}.`,
        })
      }
      return pick(raw, ['id', 'question', 'answer', 'type', 'supporting_facts'])
    })
    this.resetSeeds()
    return this
  }

  private readSplit(split: 'train' | 'validation'): Promise<DatasetRecord[]> {
    const { path, fs } = this.source
    if (path !== undefined) return readJsonlFile({ path: join(path, `${split}.jsonl`), fs })
    return fetchHuggingFaceRows({
      dataset: 'hotpotqa/hotpot_qa',
      config: 'fullwiki',
      split,
      fetch: this.source.fetch,
      cacheDir: this.source.cacheDir,
      fs,
    })
  }
}
