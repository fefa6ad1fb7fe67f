import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { Predict } from '../predict/predict.ts'
import { Example } from '../primitives/example.ts'
import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { PythonRandom } from '../python/python-random.ts'
import { configure, settings } from '../settings/settings.ts'
import { DummyLM } from '../testing/dummy-lm.ts'
import { createNFewshotDemoSets } from './create-few-shot-demo-sets.ts'
import { LabeledFewShot } from './labeled-few-shot.ts'

const trainset = Array.from({ length: 12 }, (_, index) =>
  new Example({ question: `q${index}?`, answer: `a${index}` }).withInputs('question'),
)
const answers = Object.fromEntries(
  trainset.map((example, index) => [
    example.question as string,
    { draft: 'd', answer: index % 3 === 0 ? 'no' : `a${index}` },
  ]),
)
const exact = (example: Example, prediction: Prediction) => example.answer === prediction.answer

class Two extends Module {
  first = new Predict('question -> draft')
  second = new Predict('question, draft -> answer')
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    const draft = (await this.first.call(inputs)).draft
    return this.second.call({ ...inputs, draft })
  }
}

let log: MockInstance<typeof console.log>
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
  configure({ lm: new DummyLM(answers) })
})
afterEach(() => {
  vi.restoreAllMocks()
  settings.reset()
})

const base = {
  trainset,
  maxLabeledDemos: 4,
  maxBootstrappedDemos: 3,
  metric: exact,
  teacherSettings: {},
}

describe('createNFewshotDemoSets', () => {
  it('builds zero-shot, labeled, unshuffled and shuffled sets per predictor', async () => {
    const student = new Two()
    const sets = await createNFewshotDemoSets({ ...base, student, numCandidateSets: 5, seed: 9 })
    expect(sets).toHaveLength(2)
    expect(sets.map((perPredictor) => perPredictor.length)).toEqual([5, 5])
    expect(sets[0]![0]).toEqual([])
    const labeled = await new LabeledFewShot({ k: 4 }).compile(student, { trainset })
    expect(sets[0]![1]).toEqual(labeled.first.demos)
    expect(sets[1]![1]).toEqual(labeled.second.demos)
    expect(sets[0]![2]!.map((demo) => (demo as Example).get('augmented') === true)).toEqual([
      true,
      true,
      true,
      false,
    ])
    const lines = log.mock.calls.map((call) => String(call[0]))
    expect(lines.filter((line) => line.startsWith('Bootstrapping set'))).toEqual([
      'Bootstrapping set 1/5',
      'Bootstrapping set 2/5',
      'Bootstrapping set 3/5',
      'Bootstrapping set 4/5',
      'Bootstrapping set 5/5',
    ])
  })

  it('draws every shuffled set from the one shared generator', async () => {
    const rng = new PythonRandom(9)
    const student = new Predict('question -> answer')
    const shared = await createNFewshotDemoSets({ ...base, student, numCandidateSets: 5, rng })
    const seeded = await createNFewshotDemoSets({ ...base, student, numCandidateSets: 5, seed: 9 })
    expect(shared).toEqual(seeded)
    const reference = new PythonRandom(9)
    for (let set = 0; set < 2; set += 1) {
      reference.shuffle([...trainset])
      reference.randint(1, 3)
    }
    expect(rng.random()).toBe(reference.random())
  })

  it('replaces the non-bootstrapped sets by shuffled ones when asked', async () => {
    const sets = await createNFewshotDemoSets({
      ...base,
      student: new Predict('question -> answer'),
      numCandidateSets: 4,
      includeNonBootstrapped: false,
    })
    expect(sets[0]!.every((demos) => demos.length > 0)).toBe(true)
    expect(sets[0]![0]!.some((demo) => (demo as Example).get('augmented'))).toBe(true)
  })

  it('is deterministic', async () => {
    const run = () =>
      createNFewshotDemoSets({ ...base, student: new Two(), numCandidateSets: 6, seed: 3 })
    const first = await run()
    const second = await run()
    expect(
      second.map((sets) => sets.map((demos) => demos.map((demo) => (demo as Example).toDict()))),
    ).toEqual(
      first.map((sets) => sets.map((demos) => demos.map((demo) => (demo as Example).toDict()))),
    )
  })
})
