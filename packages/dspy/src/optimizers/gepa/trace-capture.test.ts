import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AdapterParseError } from '../../errors/adapter-parse-error.ts'
import { Predict, type PredictCallOverrides } from '../../predict/predict.ts'
import { Example } from '../../primitives/example.ts'
import { Module } from '../../primitives/module.ts'
import { Prediction } from '../../primitives/prediction.ts'
import { settings } from '../../settings/settings.ts'
import { DummyLM } from '../../testing/dummy-lm.ts'
import { captureTraces, FailedPrediction } from './trace-capture.ts'

class HalfParsed extends Predict {
  override async forward(inputs: Record<string, unknown> & PredictCallOverrides) {
    if (String(inputs.question).includes('half')) {
      throw new AdapterParseError({
        adapterName: 'ChatAdapter',
        outputFieldNames: ['a', 'b'],
        lmResponse: '[[ ## a ## ]]\n1',
        parsedResult: { a: '1' },
      })
    }
    if (String(inputs.question).includes('crash')) throw new Error('boom')
    return super.forward(inputs)
  }
}

class Pipeline extends Module {
  first = new Predict('question -> draft')
  second = new HalfParsed('question, draft -> a, b')
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    const draft = await this.first.call({ question: inputs.question })
    return this.second.call({ question: inputs.question, draft: draft.get('draft') })
  }
}

beforeEach(() => {
  for (const method of ['info', 'warn', 'error'] as const)
    vi.spyOn(console, method).mockImplementation(() => {})
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
})
afterEach(() => {
  settings.reset()
  vi.restoreAllMocks()
})

describe('captureTraces', () => {
  it('records every predictor call, failed parses and crashes as bootstrap_trace_data does', async () => {
    settings.configure({
      lm: new DummyLM({ question: { draft: 'd', a: 'x', b: 'y' } }),
    })
    const program = new Pipeline()
    const dataset = ['ok', 'half', 'crash'].map((question) =>
      new Example({ question }).withInputs('question'),
    )
    const seen: unknown[] = []
    const run = await captureTraces({
      program,
      dataset,
      metric: (_example, prediction, trace) => {
        seen.push(trace)
        return prediction.get('a') === 'x' ? 1 : 0
      },
      numThreads: 1,
      failureScore: 0,
      formatFailureScore: -1,
      callbackMetadata: { disable_logging: true },
    })
    expect(run.scores).toEqual([1, -0.5, 0])
    expect(seen).toEqual([undefined])
    expect(run.trajectories.map((data) => data.exampleIndex)).toEqual([0, 1])
    const [ok, half] = run.trajectories
    expect(ok!.trace.map((step) => step.predictor)).toEqual([program.first, program.second])
    expect(ok!.trace[1]!.inputs).toEqual({ question: 'ok', draft: 'd' })
    expect(half!.prediction).toBeInstanceOf(FailedPrediction)
    expect((half!.prediction as FailedPrediction).completionText).toBe('[[ ## a ## ]]\n1')
    expect(half!.trace.at(-1)).toMatchObject({
      predictor: program.second,
      inputs: { question: 'half' },
    })
    expect(run.outputs[2]).toBeInstanceOf(Prediction)
    expect(Object.hasOwn(program, 'forward')).toBe(false)
    expect(Object.hasOwn(program.second, 'forward')).toBe(false)
  })
})
