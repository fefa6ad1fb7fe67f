import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { BaseLM } from '../../lm/base-lm.ts'
import type { LmRequest, LmResponse } from '../../lm/lm-types.ts'
import { Predict } from '../../predict/predict.ts'
import { Example } from '../../primitives/example.ts'
import { Prediction } from '../../primitives/prediction.ts'
import { PythonRandom } from '../../python/python-random.ts'
import { configure, settings } from '../../settings/settings.ts'
import { ReflectionLM } from './__fixtures__/scripted-lms.ts'
import { GepaProgramAdapter } from './gepa-adapter.ts'
import { FailedPrediction } from './trace-capture.ts'

/** Breaks the output format for questions containing "broken". */
class FormatLM extends BaseLM {
  constructor() {
    super('format-lm', { cache: false })
  }
  protected async forward(request: LmRequest): Promise<LmResponse> {
    const user = String(request.messages.at(-1)?.content)
    const text = user.includes('broken')
      ? 'I refuse to follow the format.'
      : '[[ ## answer ## ]]\n42\n\n[[ ## completed ## ]]'
    return { choices: [{ text, finishReason: 'stop' }], usage: {}, model: 'format-lm' }
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

const metric = (gold: Example, pred: Prediction, _t?: unknown, _n?: unknown, _p?: unknown) =>
  Number(pred.get('answer') === gold.get('answer'))
const batch = [
  new Example({ question: 'broken one', n: 2, answer: '42' }).withInputs('question', 'n'),
  new Example({ question: 'fine', n: 3, answer: '42' }).withInputs('question', 'n'),
]

function adapter(options: Partial<ConstructorParameters<typeof GepaProgramAdapter>[0]> = {}) {
  return new GepaProgramAdapter({
    student: new Predict('question, n: int -> answer'),
    metric,
    rng: new PythonRandom(0),
    numThreads: 1,
    reflectionMinibatchSize: 3,
    ...options,
  })
}

describe('GepaProgramAdapter', () => {
  it('builds programs with the candidate instructions, leaving the student alone', () => {
    const gepa = adapter()
    const program = gepa.buildProgram({ self: 'Answer.' }) as Predict
    expect(program.signature.instructions).toBe('Answer.')
    expect(gepa.buildProgram({}) instanceof Predict).toBe(true)
  })

  it('traces minibatches, turning parse failures into FailedPredictions, as DSPy', async () => {
    configure({ lm: new FormatLM() })
    const metadata: unknown[] = []
    configure({
      callbacks: [{ onEvaluateStart: ({ inputs }) => metadata.push(inputs.callback_metadata) }],
    })
    const gepa = adapter({ addFormatFailureAsFeedback: true })
    const evaluation = await gepa.evaluate({
      batch,
      candidate: { self: 'Answer.' },
      captureTraces: true,
    })
    expect(evaluation.scores).toEqual([0, 1])
    expect(evaluation.outputs[0]).toBeInstanceOf(FailedPrediction)
    expect(evaluation.trajectories).toHaveLength(2)
    await gepa.evaluate({
      batch: [...batch, ...batch],
      candidate: { self: 'A' },
      captureTraces: true,
    })
    await gepa.evaluate({ batch, candidate: { self: 'A' }, captureTraces: false })
    expect(metadata).toEqual([{ disable_logging: true }, { metric_key: 'eval_full' }, null])
    const dataset = await gepa.makeReflectiveDataset({ self: 'Answer.' }, evaluation, ['self'])
    // make_reflective_dataset's first item for the same run in DSPy 3.3.1.
    expect(dataset.self?.[0]).toEqual({
      Inputs: { question: 'broken one', n: '2' },
      'Generated Outputs':
        "Couldn't parse the output as per the expected output format. The model's raw response was:\n```\nI refuse to follow the format.\n```\n\n",
      Feedback:
        'Your output failed to parse. Follow this structure:\nsystem: Your input fields are:\n1. `question` (str): \n2. `n` (int):\nYour output fields are:\n1. `answer` (str):\nAll interactions will be structured in the following way, with the appropriate values filled in.\n\n[[ ## question ## ]]\n{question}\n\n[[ ## n ## ]]\n{n}\n\n[[ ## answer ## ]]\n{answer}\n\n[[ ## completed ## ]]\nIn adhering to this structure, your objective is: \n        Answer.\nuser: Respond with the corresponding output fields, starting with the field `[[ ## answer ## ]]`, and then ending with the marker for `[[ ## completed ## ]]`.\n',
    })
    expect(dataset.self?.[1]).toEqual({
      Inputs: { question: 'fine', n: '3' },
      'Generated Outputs': { answer: '42' },
      Feedback: 'This trajectory got a score of 1.0.',
    })
  })

  it('skips parse failures by default and says so when nothing is left', async () => {
    configure({ lm: new FormatLM() })
    const gepa = adapter()
    const evaluation = await gepa.evaluate({
      batch: [batch[0]!],
      candidate: {},
      captureTraces: true,
    })
    await expect(gepa.makeReflectiveDataset({}, evaluation, ['self'])).rejects.toThrow(
      'No valid predictions found for any module.',
    )
  })

  it('passes the predictor name and trace to the metric and fills missing feedback', async () => {
    configure({ lm: new FormatLM() })
    const calls: unknown[][] = []
    const gepa = adapter({
      metric: (_gold, _pred, trace, predName, predTrace) => {
        calls.push([trace === undefined, predName, predTrace?.length])
        return new Prediction({ score: 0.5, feedback: predName ? null : 'unused' })
      },
    })
    const evaluation = await gepa.evaluate({
      batch: [batch[1]!],
      candidate: {},
      captureTraces: true,
    })
    const dataset = await gepa.makeReflectiveDataset({}, evaluation, ['self'])
    expect(dataset.self?.[0]?.Feedback).toBe('This trajectory got a score of 0.5.')
    expect(calls).toEqual([
      [true, undefined, undefined],
      [false, 'self', 1],
    ])
  })

  it('asks the reflection LM with gepa’s prompt and extracts the fenced answer', async () => {
    const reflectionLm = new ReflectionLM(['New instruction.'])
    const gepa = adapter({ reflectionLm })
    const dataset = {
      self: [{ Inputs: { q: '1' }, 'Generated Outputs': { a: '2' }, Feedback: 'ok' }],
    }
    const texts = await gepa.proposeNewTexts({ self: 'Old.' }, dataset, ['self'])
    expect(texts).toEqual({ self: 'New instruction.' })
    expect(reflectionLm.prompts[0]).toContain('```\nOld.\n```')
    expect(reflectionLm.prompts[0]).toContain('# Example 1\n## Inputs\n### q\n1\n\n')
  })

  it('runs a custom proposer with the reflection LM configured', async () => {
    const reflectionLm = new ReflectionLM(['unused'])
    let seen: unknown
    const gepa = adapter({
      reflectionLm,
      instructionProposer: ({ componentsToUpdate }) => {
        seen = settings.get('lm')
        return Object.fromEntries(componentsToUpdate.map((name) => [name, 'Custom.']))
      },
    })
    expect(await gepa.proposeNewTexts({ self: 'Old.' }, {}, ['self'])).toEqual({ self: 'Custom.' })
    expect(seen).toBe(reflectionLm)
  })
})
