import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ChatAdapter } from '../adapters/chat-adapter.ts'
import { BaseLM } from '../lm/base-lm.ts'
import type { LmRequest, LmResponse } from '../lm/lm-types.ts'
import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { configure, context, settings, type TraceStep } from '../settings/settings.ts'
import { BestOfN } from './best-of-n.ts'
import { Predict } from './predict.ts'

/** Answers by rollout id; every copy shares `calls`, so the test sees each attempt's LM arguments. */
class RolloutLM extends BaseLM {
  readonly calls: { rolloutId: unknown; temperature: unknown; prompt: string }[] = []
  constructor(
    readonly answerFor: (rolloutId: number | undefined, prompt: string) => Record<string, unknown>,
  ) {
    super('rollout', { temperature: 0 })
  }
  protected async forward(request: LmRequest & { cache: boolean }): Promise<LmResponse> {
    const prompt = String(request.messages.at(-1)!.content)
    const rolloutId = request.kwargs.rollout_id as number | undefined
    this.calls.push({ rolloutId, temperature: request.kwargs.temperature, prompt })
    const text = new ChatAdapter().formatAnswerFields(this.answerFor(rolloutId, prompt))
    return { choices: [{ text, finishReason: 'stop' }], usage: {}, model: 'rollout' }
  }
}

const answers = ['It is Brussels', 'Brussels', 'Belgium']
const oneWord = (_args: Record<string, unknown>, prediction: Prediction) =>
  String(prediction.answer).split(' ').length === 1 ? 1 : 0

beforeEach(() => vi.spyOn(console, 'warn').mockImplementation(() => undefined))
afterEach(() => {
  vi.restoreAllMocks()
  settings.reset()
})

describe('BestOfN', () => {
  it('returns the first prediction reaching the threshold, one rollout id per attempt at temperature 1.0', async () => {
    const lm = new RolloutLM((rolloutId) => ({ answer: answers[rolloutId ?? 0] }))
    configure({ lm })
    const qa = new Predict('question -> answer')
    const seenArgs: unknown[] = []
    const best = new BestOfN({
      module: qa,
      n: 3,
      threshold: 1,
      rewardFn: (args, prediction) => {
        seenArgs.push(args)
        return oneWord(args, prediction)
      },
    })
    const trace: TraceStep[] = []
    const prediction = await context({ trace }, () =>
      best.call({ question: 'Capital of Belgium?' }),
    )
    expect(prediction.answer).toBe('Brussels')
    expect(lm.calls.map(({ rolloutId, temperature }) => [rolloutId, temperature])).toEqual([
      [0, 1],
      [1, 1],
    ])
    expect(seenArgs).toEqual([
      { question: 'Capital of Belgium?' },
      { question: 'Capital of Belgium?' },
    ])
    expect(trace).toHaveLength(1)
    expect(trace[0]!.predictor).not.toBe(qa)
    expect(qa.lm).toBeUndefined()
    expect(best.namedPredictors().map(([name]) => name)).toEqual(['module'])
  })

  it("starts at the LM's rollout_id and returns the best when none reaches the threshold", async () => {
    const lm = new RolloutLM((rolloutId) => ({
      answer: 'word '.repeat(10 - (rolloutId ?? 0)).trim(),
    }))
    const qa = new Predict('question -> answer')
    qa.lm = lm.copy({ rollout_id: 5 })
    const best = new BestOfN({
      module: qa,
      n: 3,
      threshold: 100,
      rewardFn: (_args, prediction) => -String(prediction.answer).split(' ').length,
    })
    const prediction = await best.call({ question: 'q' })
    expect(lm.calls.map(({ rolloutId }) => rolloutId)).toEqual([5, 6, 7])
    expect(prediction.answer).toBe('word word word')
  })

  it('tolerates failures up to failCount, then rethrows', async () => {
    /** A class instance, so deep copies of the module share it. */
    class Counter {
      count = 0
    }
    class Flaky extends Module {
      attempts = new Counter()
      predict = new Predict('question -> answer')
      async forward(inputs: Record<string, unknown>): Promise<Prediction> {
        this.attempts.count += 1
        if (this.attempts.count < 3) throw new Error(`flaky ${this.attempts.count}`)
        return this.predict.call(inputs)
      }
    }
    configure({ lm: new RolloutLM(() => ({ answer: 'Brussels' })) })
    const flaky = new Flaky()
    const recovered = await new BestOfN({
      module: flaky,
      n: 3,
      threshold: 1,
      rewardFn: oneWord,
    }).call({ question: 'q' })
    expect(recovered.answer).toBe('Brussels')
    expect(console.warn).toHaveBeenCalledWith(
      'BestOfN: Attempt 1 failed with rollout id 0: flaky 1',
    )
    const failing = new Flaky()
    await expect(
      new BestOfN({ module: failing, n: 3, threshold: 1, rewardFn: oneWord, failCount: 1 }).call({
        question: 'q',
      }),
    ).rejects.toThrow('flaky 2')
    const alwaysFailing = new Flaky()
    alwaysFailing.attempts.count = -10
    await expect(
      new BestOfN({ module: alwaysFailing, n: 2, threshold: 1, rewardFn: oneWord }).call({
        question: 'q',
      }),
    ).rejects.toThrow('flaky -8')
  })
})
