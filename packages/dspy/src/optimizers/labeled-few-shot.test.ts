import { describe, expect, it } from 'vitest'
import { Predict } from '../predict/predict.ts'
import { Example } from '../primitives/example.ts'
import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { DummyLM } from '../testing/dummy-lm.ts'
import { LabeledFewShot } from './labeled-few-shot.ts'

class Two extends Module {
  first = new Predict('question -> draft')
  second = new Predict('question, draft -> answer')
  forward(inputs: Record<string, unknown>): Promise<Prediction> {
    return this.first.call(inputs)
  }
}

const trainset = Array.from({ length: 10 }, (_, index) =>
  new Example({ question: `q${index}`, answer: `a${index}` }).withInputs('question'),
)
const questions = (demos: unknown[]) => demos.map((demo) => (demo as Example).question)

describe('LabeledFewShot', () => {
  it('samples k demos per predictor from one Random(0) shared by all predictors', async () => {
    const compiled = await new LabeledFewShot({ k: 3 }).compile(new Two(), { trainset })
    // random.Random(0).sample(range(10), 3) twice in a row: [6, 9, 0] then [4, 8, 7].
    expect(questions(compiled.first.demos)).toEqual(['q6', 'q9', 'q0'])
    expect(questions(compiled.second.demos)).toEqual(['q4', 'q8', 'q7'])
    expect(compiled.first.demos[0]).toBe(trainset[6])
  })

  it('takes the first k without sampling, and at most the whole trainset', async () => {
    const first = await new LabeledFewShot({ k: 4 }).compile(new Predict('question -> answer'), {
      trainset,
      sample: false,
    })
    expect(questions(first.demos)).toEqual(['q0', 'q1', 'q2', 'q3'])
    const all = await new LabeledFewShot().compile(new Predict('question -> answer'), { trainset })
    expect(all.demos).toHaveLength(10)
  })

  it('returns a reset copy and leaves the student alone', async () => {
    const student = new Predict('question -> answer')
    student.demos = [new Example({ question: 'old', answer: 'x' })]
    student.lm = new DummyLM([])
    const empty = await new LabeledFewShot().compile(student, { trainset: [] })
    expect(empty).not.toBe(student)
    expect(empty.demos).toEqual([])
    expect(empty.lm).toBeUndefined()
    expect(empty.compiled).toBe(false)
    expect(student.demos).toHaveLength(1)
  })

  it('is deterministic', async () => {
    const run = async () =>
      (await new LabeledFewShot({ k: 5 }).compile(new Two(), { trainset })).dumpState()
    expect(await run()).toEqual(await run())
  })
})

describe('LabeledFewShot seed', () => {
  it('samples other demos for another seed and keeps getParams as DSPy', async () => {
    const trainset = Array.from({ length: 30 }, (_, index) =>
      new Example({ question: `q${index}`, answer: `a${index}` }).withInputs('question'),
    )
    const pick = async (seed?: number) => {
      const compiled = await new LabeledFewShot({
        k: 4,
        ...(seed === undefined ? {} : { seed }),
      }).compile(new Predict('question -> answer'), { trainset })
      return (compiled as unknown as { demos: { question: string }[] }).demos.map(
        (demo) => demo.question,
      )
    }
    expect(await pick()).toEqual(await pick(0))
    expect(await pick(7)).not.toEqual(await pick(0))
    expect(Object.keys(new LabeledFewShot({ k: 4, seed: 7 }).getParams())).toEqual(['k'])
  })
})
