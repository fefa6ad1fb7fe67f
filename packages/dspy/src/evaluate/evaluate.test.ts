import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest'
import type { CallEndEvent, CallStartEvent } from '../callbacks/callback.ts'
import { LmError } from '../errors/lm-error.ts'
import { BaseLM } from '../lm/base-lm.ts'
import type { LmRequest, LmResponse } from '../lm/lm-types.ts'
import { Predict } from '../predict/predict.ts'
import { Example } from '../primitives/example.ts'
import { Module } from '../primitives/module.ts'
import { Prediction } from '../primitives/prediction.ts'
import { configure, context, settings } from '../settings/settings.ts'
import { DummyLM } from '../testing/dummy-lm.ts'
import { Evaluate, executionCancelledMessage } from './evaluate.ts'
import { EvaluationResult } from './evaluation-result.ts'

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds))

/** Answers `question` doubled after `delay` ms; throws for `fail`; counts calls in flight. */
class Doubler extends Module {
  calls = 0
  inFlight = 0
  maxInFlight = 0
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    this.calls += 1
    this.inFlight += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    await sleep(Number(inputs.delay ?? 1))
    this.inFlight -= 1
    if (inputs.fail) throw new Error(`cannot double ${inputs.question}`)
    return new Prediction({ answer: String(Number(inputs.question) * 2) })
  }
}

function devset(count: number, extra: (index: number) => Record<string, unknown> = () => ({})) {
  return Array.from({ length: count }, (_, index) =>
    new Example({ question: String(index), answer: String(index * 2), ...extra(index) }).withInputs(
      'question',
      'delay',
      'fail',
    ),
  )
}

const exact = (example: Example, prediction: Prediction) => example.answer === prediction.answer

let info: MockInstance<typeof console.info>
let error: MockInstance<typeof console.error>
let log: MockInstance<typeof console.log>
beforeEach(() => {
  info = vi.spyOn(console, 'info').mockImplementation(() => undefined)
  error = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
})
afterEach(() => {
  vi.restoreAllMocks()
  settings.reset()
})

describe('Evaluate', () => {
  it('scores every example in devset order with bounded concurrency', async () => {
    const program = new Doubler()
    const data = devset(9, (index) => ({ delay: [15, 1, 8, 2, 12, 1, 5, 3, 1][index] }))
    data[4] = data[4]!.copy({ answer: 'wrong' })
    const result = await new Evaluate({ devset: data, metric: exact, numThreads: 3 }).call(program)
    expect(result).toBeInstanceOf(EvaluationResult)
    expect(result.score).toBe(88.89)
    expect(result.results.map(([example]) => example.question)).toEqual(
      data.map((example) => example.question),
    )
    expect(result.results.map(([, , score]) => score)).toEqual([
      true,
      true,
      true,
      true,
      false,
      true,
      true,
      true,
      true,
    ])
    expect(program.maxInFlight).toBe(3)
    expect(info).toHaveBeenCalledWith('Average Metric: 8 / 9 (88.9%)')
    expect(String(result)).toBe('EvaluationResult(score=88.89, results=<list of 9 results>)')
  })

  it('accepts sync, async, numeric and Prediction metrics (2 arguments)', async () => {
    const data = devset(4)
    const seen: number[] = []
    const metrics = [
      (example: Example, prediction: Prediction, ...rest: unknown[]) => {
        seen.push(rest.length)
        return example.answer === prediction.answer ? 0.5 : 0
      },
      async () => true,
      () => new Prediction({ score: 0.25, feedback: 'meh' }),
    ]
    const scores = []
    for (const metric of metrics) {
      scores.push((await new Evaluate({ devset: data, metric }).call(new Doubler())).score)
    }
    expect(scores).toEqual([50, 100, 25])
    expect(new Set(seen)).toEqual(new Set([0]))
  })

  it('scores a failing example with failureScore and an empty Prediction, and logs it', async () => {
    const data = devset(4, (index) => ({ fail: index === 1 }))
    const result = await new Evaluate({ devset: data, metric: exact, failureScore: 0.25 }).call(
      new Doubler(),
    )
    const [example, prediction, score] = result.results[1]!
    expect(example).toBe(data[1])
    expect(prediction.toDict()).toEqual({})
    expect(score).toBe(0.25)
    expect(result.score).toBe(81.25)
    expect(info).toHaveBeenCalledWith('Average Metric: 3.25 / 4 (81.2%)')
    expect(error).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Error for Example\(\{'question': '1', .*\}\) \(input_keys=.*\): cannot double 1\. Set `provideTraceback: true` for traceback\.$/,
      ),
    )
  })

  it('treats a metric that throws as a failed example', async () => {
    const metric = (example: Example) => {
      if (example.question === '2') throw new Error('metric broke')
      return true
    }
    const result = await new Evaluate({ devset: devset(4), metric }).call(new Doubler())
    expect(result.results.map(([, prediction, score]) => [prediction.answer, score])).toEqual([
      ['0', true],
      ['2', true],
      [undefined, 0],
      ['6', true],
    ])
    expect(result.score).toBe(75)
    expect(error).toHaveBeenCalledWith(expect.stringContaining('metric broke'))
  })

  it('keeps going when the LM fails on some examples', async () => {
    class FlakyLM extends BaseLM {
      protected async forward(request: LmRequest): Promise<LmResponse> {
        const last = String(request.messages.at(-1)?.content)
        if (last.includes('q3') || last.includes('q5'))
          throw new LmError({ model: 'flaky', message: 'rate limited' })
        return {
          choices: [{ text: '[[ ## answer ## ]]\nyes', finishReason: 'stop' }],
          usage: {},
          model: 'flaky',
        }
      }
    }
    const data = Array.from({ length: 6 }, (_, index) =>
      new Example({ question: `q${index}`, answer: 'yes' }).withInputs('question'),
    )
    configure({ lm: new FlakyLM('flaky') })
    const result = await new Evaluate({ devset: data, metric: exact, numThreads: 2 }).call(
      new Predict('question -> answer'),
    )
    expect(result.results.map(([, , score]) => score)).toEqual([true, true, true, 0, true, 0])
    expect(result.score).toBe(66.67)
    expect(error).toHaveBeenCalledTimes(2)
  })

  it('cancels and throws once maxErrors examples failed, with the causes attached', async () => {
    const program = new Doubler()
    const data = devset(40, (index) => ({ fail: index % 2 === 1, delay: 2 }))
    const run = new Evaluate({ devset: data, metric: exact, maxErrors: 3, numThreads: 2 }).call(
      program,
    )
    const thrown = (await run.catch((reason: unknown) => reason)) as AggregateError
    expect(thrown).toBeInstanceOf(AggregateError)
    expect(thrown.message).toBe(executionCancelledMessage)
    expect(thrown.errors.map((reason) => (reason as Error).message)).toEqual([
      'cannot double 1',
      'cannot double 3',
      'cannot double 5',
    ])
    expect(thrown.cause).toBe(thrown.errors[0])
    expect(program.calls).toBeLessThan(40)
  })

  it('takes numThreads and maxErrors from the settings by default', async () => {
    const program = new Doubler()
    const data = devset(6, (index) => ({ fail: index < 2 }))
    await context({ numThreads: 1, maxErrors: 2 }, async () => {
      await expect(new Evaluate({ devset: data, metric: exact }).call(program)).rejects.toThrow(
        executionCancelledMessage,
      )
    })
    expect(program.maxInFlight).toBe(1)
    expect(program.calls).toBe(2)
  })

  it("runs every example with the caller's settings", async () => {
    const lm = new DummyLM({ 'q-a': { answer: 'A' }, 'q-b': { answer: 'B' } })
    const data = ['a', 'b'].map((letter) =>
      new Example({ question: `q-${letter}`, answer: letter.toUpperCase() }).withInputs('question'),
    )
    const evaluate = new Evaluate({ devset: data, metric: exact })
    const result = await context({ lm }, () => evaluate.call(new Predict('question -> answer')))
    expect(result.score).toBe(100)
    const outside = await evaluate.call(new Predict('question -> answer'))
    expect(outside.score).toBe(0)
    expect(error).toHaveBeenCalledWith(expect.stringContaining('No LM is loaded'))
  })

  it("fires the evaluate callbacks with DSPy's snake_case inputs", async () => {
    const starts: CallStartEvent[] = []
    const ends: CallEndEvent[] = []
    configure({
      callbacks: [
        {
          onEvaluateStart: (event) => starts.push(event),
          onEvaluateEnd: (event) => ends.push(event),
        },
      ],
    })
    const evaluate = new Evaluate({ devset: devset(2), metric: exact })
    const program = new Doubler()
    const result = await evaluate.call(program, {
      numThreads: 2,
      callbackMetadata: { metric_key: 'eval_full' },
    })
    expect(starts).toHaveLength(1)
    expect(starts[0]!.instance).toBe(evaluate)
    expect(starts[0]!.inputs).toEqual({
      program,
      metric: null,
      devset: null,
      num_threads: 2,
      display_progress: null,
      display_table: null,
      callback_metadata: { metric_key: 'eval_full' },
      save_as_csv: null,
      save_as_json: null,
    })
    expect(ends[0]!.callId).toBe(starts[0]!.callId)
    expect(ends[0]!.outputs).toBe(result)
  })

  it('overrides metric, devset and displayTable per call, and prints the table', async () => {
    const evaluate = new Evaluate({ devset: devset(1), metric: () => false })
    const result = await evaluate.call(new Doubler(), {
      devset: devset(3),
      metric: exact,
      displayTable: 2,
    })
    expect(result.score).toBe(100)
    const table = String(log.mock.calls.at(-1)?.[0])
    expect(table.split('\n')[0]).toMatch(/^\s+question\s+example_answer\s+pred_answer\s+exact$/)
    expect(table).toContain('✔️ [True]')
    expect(table).toContain('... 1 more rows not displayed ...')
  })

  it('saves the rows as CSV and JSON', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'evaluate-'))
    const csv = join(directory, 'results.csv')
    const json = join(directory, 'results.json')
    await new Evaluate({ devset: devset(2), metric: exact, saveAsCsv: csv, saveAsJson: json }).call(
      new Doubler(),
    )
    expect(await readFile(csv, 'utf8')).toBe(
      'question,example_answer,pred_answer,exact\r\n0,0,0,True\r\n1,2,2,True\r\n',
    )
    expect(JSON.parse(await readFile(json, 'utf8'))).toEqual([
      { question: '0', example_answer: '0', pred_answer: '0', exact: true },
      { question: '1', example_answer: '2', pred_answer: '2', exact: true },
    ])
  })

  it('rejects bad options with clear messages', async () => {
    expect(
      () => new Evaluate({ devset: [], returnOutputs: true } as unknown as { devset: Example[] }),
    ).toThrow('`returnOutputs` is no longer supported')
    await expect(new Evaluate({ devset: devset(1) }).call(new Doubler())).rejects.toThrow(
      'Evaluate needs a metric',
    )
    await expect(new Evaluate({ devset: [], metric: exact }).call(new Doubler())).rejects.toThrow(
      'at least one example',
    )
    const undefinedMetric = () => undefined as unknown as boolean
    await expect(
      new Evaluate({ devset: devset(1), metric: undefinedMetric }).call(new Doubler()),
    ).rejects.toThrow('The metric returned undefined; a metric must return a number')
  })

  it('draws the progress bar with the running score on a terminal', async () => {
    const writes: string[] = []
    const evaluate = new Evaluate({ devset: devset(3), metric: exact, displayProgress: true })
    evaluate.progressStream = { isTTY: true, write: (text: string) => writes.push(text) }
    await evaluate.call(new Doubler(), { numThreads: 1 })
    expect(writes.at(-1)).toMatch(/^\rAverage Metric: 3\.00 \/ 3 \(100\.0%\): 100%\|█+\| 3\/3 \[/)
    const quiet: string[] = []
    evaluate.progressStream = { isTTY: false, write: (text: string) => quiet.push(text) }
    await evaluate.call(new Doubler())
    expect(quiet).toHaveLength(1)
    expect(quiet[0]).toMatch(/^Average Metric: 3\.00 \/ 3 \(100\.0%\): 100%.*\n$/)
  })
})
