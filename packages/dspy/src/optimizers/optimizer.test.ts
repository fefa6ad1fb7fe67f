import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CallEndEvent, CallStartEvent, TrialEvent } from '../callbacks/callback.ts'
import { Predict } from '../predict/predict.ts'
import { Example } from '../primitives/example.ts'
import type { Module } from '../primitives/module.ts'
import { configure, settings } from '../settings/settings.ts'
import { DummyLM } from '../testing/dummy-lm.ts'
import { BootstrapFewShot } from './bootstrap-few-shot.ts'
import { LabeledFewShot } from './labeled-few-shot.ts'
import { type CompileOptions, Optimizer, Teleprompter } from './optimizer.ts'

/** Keeps the first demo; compiles itself again on the rest of the trainset (a nested compile). */
class Recursive extends Optimizer {
  depth = 0
  protected async compileProgram<P extends Module>(student: P, options: CompileOptions) {
    this.depth += 1
    if (options.trainset.length > 1) {
      await this.compile(student, { trainset: options.trainset.slice(1) })
    }
    this.emitTrial({
      trial: this.depth,
      evaluation: 'full',
      evaluationSize: options.trainset.length,
      score: 50,
      candidate: [{ predictor: 'self', demoSetIndex: 0 }],
    })
    const program = student.resetCopy()
    ;(program as unknown as Predict).demos = options.trainset.slice(0, 1)
    return program
  }
}

const trainset = ['a', 'b', 'c'].map((question) =>
  new Example({ question, answer: question.toUpperCase() }).withInputs('question'),
)

function recorder() {
  const starts: CallStartEvent[] = []
  const ends: CallEndEvent[] = []
  const trials: TrialEvent[] = []
  configure({
    callbacks: [
      {
        onCompileStart: (event) => starts.push(event),
        onCompileEnd: (event) => ends.push(event),
        onTrialEnd: (event) => trials.push(event),
      },
    ],
  })
  return { starts, ends, trials }
}

afterEach(() => {
  vi.restoreAllMocks()
  settings.reset()
})

describe('Optimizer', () => {
  it('fires the compile callbacks once, even when the same optimizer compiles again inside', async () => {
    const { starts, ends } = recorder()
    const optimizer = new Recursive()
    const student = new Predict('question -> answer')
    const compiled = await optimizer.compile(student, { trainset })
    expect(optimizer.depth).toBe(3)
    expect(starts).toHaveLength(1)
    expect(starts[0]!.instance).toBe(optimizer)
    expect(starts[0]!.inputs).toEqual({ student, trainset })
    expect(ends).toHaveLength(1)
    expect(ends[0]!.callId).toBe(starts[0]!.callId)
    expect(ends[0]!.outputs).toBe(compiled)
    expect(compiled).not.toBe(student)
  })

  it('reports nested compiles of other optimizers separately', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const { starts } = recorder()
    const lm = new DummyLM({ a: { answer: 'A' }, b: { answer: 'B' }, c: { answer: 'C' } })
    configure({ lm })
    const optimizer = new BootstrapFewShot({ maxBootstrappedDemos: 1 })
    await optimizer.compile(new Predict('question -> answer'), { trainset })
    expect(starts.map((event) => event.instance?.constructor.name)).toEqual([
      'BootstrapFewShot',
      'LabeledFewShot',
    ])
    expect(starts[0]!.inputs).toEqual({
      student: expect.any(Predict),
      teacher: null,
      trainset,
    })
    expect(starts[1]!.inputs).toMatchObject({ trainset, sample: true })
  })

  it('tags trial events with the running compile call', async () => {
    const { starts, trials } = recorder()
    const optimizer = new Recursive()
    await optimizer.compile(new Predict('question -> answer'), { trainset })
    expect(trials).toHaveLength(3)
    for (const trial of trials) {
      expect(trial.compileCallId).toBe(starts[0]!.callId)
      expect(trial.optimizer).toBe(optimizer)
    }
    expect(trials.map((trial) => trial.evaluationSize)).toEqual([1, 2, 3])
  })

  it("returns the attributes with DSPy's names from getParams", () => {
    const optimizer = new BootstrapFewShot({ maxBootstrappedDemos: 2, metricThreshold: 0.5 })
    optimizer.callbacks = []
    expect(optimizer.getParams()).toEqual({
      metric: undefined,
      metric_threshold: 0.5,
      teacher_settings: {},
      max_bootstrapped_demos: 2,
      max_labeled_demos: 16,
      max_rounds: 1,
      max_errors: undefined,
      error_count: 0,
    })
    expect(new LabeledFewShot().getParams()).toEqual({ k: 16 })
  })

  it('is also exported as Teleprompter', () => {
    expect(Teleprompter).toBe(Optimizer)
    expect(new LabeledFewShot()).toBeInstanceOf(Teleprompter)
  })
})
