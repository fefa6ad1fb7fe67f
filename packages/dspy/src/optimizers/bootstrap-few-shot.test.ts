import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import { BaseLM } from '../lm/base-lm.ts'
import type { LmRequest, LmResponse } from '../lm/lm-types.ts'
import { Predict } from '../predict/predict.ts'
import { Example } from '../primitives/example.ts'
import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { configure, settings, type TraceStep } from '../settings/settings.ts'
import { DummyLM } from '../testing/dummy-lm.ts'
import { BootstrapFewShot } from './bootstrap-few-shot.ts'

const trainset = Array.from({ length: 10 }, (_, index) =>
  new Example({ question: `q${index}?`, answer: `a${index}` }).withInputs('question'),
)
const right = new Set([0, 2, 3, 5, 6, 8])
const answers = Object.fromEntries(
  trainset.map((example, index) => [
    example.question as string,
    { answer: right.has(index) ? `a${index}` : 'wrong' },
  ]),
)
const exact = (example: Example, prediction: Prediction) => example.answer === prediction.answer
const described = (demos: unknown[]) =>
  demos.map((demo) => [(demo as Example).get('augmented', false), (demo as Example).question])

/** Records every prompt; answers `a<i>` for `q<i>?` only at the given rollout, else `wrong`. */
class RolloutLM extends BaseLM {
  prompts: { messages: LmRequest['messages']; kwargs: Record<string, unknown> }[] = []
  constructor(readonly rightAtRollout: number | undefined) {
    super('rollout', { temperature: 0 })
  }
  protected async forward(request: LmRequest): Promise<LmResponse> {
    this.prompts.push({ messages: request.messages, kwargs: request.kwargs })
    const last = String(request.messages.at(-1)?.content)
    const index = /q(\d+)\?/.exec(last)?.[1]
    const answer = request.kwargs.rollout_id === this.rightAtRollout ? `a${index}` : 'wrong'
    return {
      choices: [{ text: `[[ ## answer ## ]]\n${answer}`, finishReason: 'stop' }],
      usage: {},
      model: 'rollout',
    }
  }
}

let log: MockInstance<typeof console.log>
let error: MockInstance<typeof console.error>
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
  error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
  settings.reset()
})

describe('BootstrapFewShot', () => {
  it("keeps DSPy's demos: accepted traces first, then labeled examples from the rest", async () => {
    configure({ lm: new DummyLM(answers) })
    const student = new Predict('question -> answer')
    const optimizer = new BootstrapFewShot({
      metric: exact,
      maxBootstrappedDemos: 3,
      maxLabeledDemos: 6,
    })
    const compiled = await optimizer.compile(student, { trainset })
    // The same demos as DSPy 3.3.1 for this trainset and these answers.
    expect(described(compiled.demos)).toEqual([
      [true, 'q0?'],
      [true, 'q2?'],
      [true, 'q3?'],
      [false, 'q9?'],
      [false, 'q1?'],
      [false, 'q6?'],
    ])
    expect((compiled.demos[0] as Example).toDict()).toEqual({
      augmented: true,
      question: 'q0?',
      answer: 'a0',
    })
    expect(compiled.compiled).toBe(true)
    expect(student.demos).toEqual([])
    expect(log).toHaveBeenCalledWith(
      'Bootstrapped 3 full traces after 4 examples for up to 1 rounds, amounting to 4 attempts.',
    )
    expect(optimizer.validation.map((example) => example.question)).toHaveLength(7)
  })

  it('calls the metric with the trace, and hides each example from the teacher while it runs', async () => {
    const lm = new RolloutLM(undefined)
    configure({ lm })
    const traces: TraceStep[][] = []
    const metric = (_example: Example, _prediction: Prediction, trace?: TraceStep[]) => {
      traces.push(trace!)
      return true
    }
    await new BootstrapFewShot({ metric, maxBootstrappedDemos: 2, maxLabeledDemos: 10 }).compile(
      new Predict('question -> answer'),
      { trainset },
    )
    expect(traces).toHaveLength(2)
    expect(traces[0]).toHaveLength(1)
    expect(traces[0]![0]!.inputs).toEqual({ question: 'q0?' })
    expect(traces[0]![0]!.predictor).toBeInstanceOf(Predict)
    for (const [index, prompt] of lm.prompts.entries()) {
      const demos = prompt.messages.slice(1, -1).map((message) => String(message.content))
      expect(demos.join('\n')).not.toContain(`q${index}?`)
      expect(prompt.messages.length).toBe(2 + 2 * 9)
    }
  })

  it('retries later rounds with lm.copy({ rollout_id, temperature: 1.0 })', async () => {
    const lm = new RolloutLM(1)
    configure({ lm })
    const compiled = await new BootstrapFewShot({
      metric: exact,
      maxBootstrappedDemos: 2,
      maxLabeledDemos: 0,
      maxRounds: 3,
    }).compile(new Predict('question -> answer'), { trainset })
    expect(described(compiled.demos)).toEqual([
      [true, 'q0?'],
      [true, 'q1?'],
    ])
    expect(log).toHaveBeenCalledWith(
      'Bootstrapped 2 full traces after 2 examples for up to 3 rounds, amounting to 4 attempts.',
    )
    // The copies share the recorder: round 0 with the LM itself, round 1 with a fresh rollout.
    expect(
      lm.prompts.map((prompt) => [prompt.kwargs.rollout_id, prompt.kwargs.temperature]),
    ).toEqual([
      [undefined, 0],
      [1, 1],
      [undefined, 0],
      [1, 1],
    ])
    expect(lm.kwargs.rollout_id).toBeUndefined()
  })

  it('runs the teacher under teacherSettings, and accepts numeric metrics at the threshold', async () => {
    const teacherLm = new DummyLM(answers)
    configure({ lm: new DummyLM({}) })
    const metric = (example: Example, prediction: Prediction) =>
      example.answer === prediction.answer ? 0.8 : 0.2
    const accept = async (metricThreshold: number) =>
      (
        await new BootstrapFewShot({
          metric,
          metricThreshold,
          teacherSettings: { lm: teacherLm },
          maxLabeledDemos: 0,
        }).compile(new Predict('question -> answer'), { trainset })
      ).demos
    expect(described(await accept(0.5))).toEqual([
      [true, 'q0?'],
      [true, 'q2?'],
      [true, 'q3?'],
      [true, 'q5?'],
    ])
    expect(await accept(0.9)).toEqual([])
  })

  it('logs failures, and throws the error once maxErrors is reached', async () => {
    class Flaky extends Module {
      predict = new Predict('question -> answer')
      forward(inputs: Record<string, unknown>): Promise<Prediction> {
        if (['q1?', 'q4?'].includes(inputs.question as string)) throw new Error('flaky')
        return this.predict.call(inputs)
      }
    }
    configure({ lm: new DummyLM(answers) })
    const compiled = await new BootstrapFewShot({ metric: exact, maxErrors: 5 }).compile(
      new Flaky(),
      { trainset },
    )
    expect(described(compiled.predict.demos).slice(0, 4)).toEqual([
      [true, 'q0?'],
      [true, 'q2?'],
      [true, 'q3?'],
      [true, 'q5?'],
    ])
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Failed to run or to evaluate example Example\(.*'q1\?'.*\) with exact due to flaky\.$/,
      ),
    )
    const failing = new BootstrapFewShot({ metric: exact, maxErrors: 2 })
    await expect(failing.compile(new Flaky(), { trainset })).rejects.toThrow('flaky')
    expect(failing.errorCount).toBe(2)
  })

  it('checks the student and the teacher', async () => {
    configure({ lm: new DummyLM(answers) })
    const optimizer = new BootstrapFewShot({ metric: exact })
    const compiledStudent = new Predict('question -> answer')
    compiledStudent.compiled = true
    await expect(optimizer.compile(compiledStudent, { trainset })).rejects.toThrow(
      'Student must be uncompiled.',
    )
    await expect(
      optimizer.compile(new Predict('question -> answer'), {
        trainset,
        teacher: new Predict('question -> reply'),
      }),
    ).rejects.toThrow('Student and teacher must have the same signatures.')
    class Named extends Module {
      other = new Predict('question -> answer')
      forward(inputs: Record<string, unknown>) {
        return this.other.call(inputs)
      }
    }
    await expect(
      optimizer.compile(new Predict('question -> answer'), { trainset, teacher: new Named() }),
    ).rejects.toThrow('Student and teacher must have the same program structure.')
    await expect(
      optimizer.compile(new Predict('question -> answer'), { trainset: [] }),
    ).rejects.toThrow('BootstrapFewShot needs a non-empty trainset.')
  })

  it('keeps one trace per predictor when it ran several times in one example', async () => {
    class Twice extends Module {
      predict = new Predict('question -> answer')
      async forward(inputs: Record<string, unknown>): Promise<Prediction> {
        await this.predict.call(inputs)
        return this.predict.call(inputs)
      }
    }
    configure({ lm: new DummyLM(answers) })
    const run = async () =>
      (
        await new BootstrapFewShot({ metric: exact, maxLabeledDemos: 0 }).compile(new Twice(), {
          trainset,
        })
      ).dumpState()
    const state = await run()
    expect((state.predict as { demos: unknown[] }).demos).toHaveLength(4)
    expect(await run()).toEqual(state)
  })

  it('is deterministic', async () => {
    configure({ lm: new DummyLM(answers) })
    const run = async () =>
      (
        await new BootstrapFewShot({ metric: exact, maxBootstrappedDemos: 2 }).compile(
          new Predict('question -> answer'),
          { trainset },
        )
      ).dumpState()
    expect(await run()).toEqual(await run())
  })
})
