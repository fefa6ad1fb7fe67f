import { afterEach, describe, expect, it } from 'vitest'
import { BaseLM } from '../lm/base-lm.ts'
import type { LmRequest, LmResponse } from '../lm/lm-types.ts'
import { Predict } from '../predict/predict.ts'
import { Prediction } from '../primitives/prediction.ts'
import { configure, context, settings } from '../settings/settings.ts'
import { asyncify } from './asyncify.ts'

afterEach(() => settings.reset())

/** An LM that takes a while to answer and counts how many calls run at once. */
class SlowLM extends BaseLM {
  inFlight = 0
  maxInFlight = 0

  constructor(
    readonly answer: string,
    readonly milliseconds = 15,
  ) {
    super('slow', { cache: false })
  }

  protected async forward(_request: LmRequest): Promise<LmResponse> {
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    await new Promise((resolve) => setTimeout(resolve, this.milliseconds))
    this.inFlight--
    return {
      choices: [{ text: `[[ ## answer ## ]]\n${this.answer}\n\n[[ ## completed ## ]]` }],
      usage: {},
    }
  }
}

const questions = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ question: `q${index}` }))

describe('asyncify', () => {
  it('runs at most maxWorkers calls at once; the next call waits', async () => {
    const lm = new SlowLM('4')
    configure({ lm })
    const program = asyncify(new Predict('question -> answer'), { maxWorkers: 2 })
    const predictions = await Promise.all(questions(7).map((inputs) => program(inputs)))
    expect(predictions.map((prediction) => prediction.answer)).toEqual(Array(7).fill('4'))
    expect(lm.maxInFlight).toBe(2)
  })

  it('defaults to settings.asyncMaxWorkers, one limit shared by every asyncified program', async () => {
    const lm = new SlowLM('ok')
    configure({ lm, asyncMaxWorkers: 3 })
    const first = asyncify(new Predict('question -> answer'))
    const second = asyncify(new Predict('question -> answer'))
    await Promise.all(questions(8).map((inputs, index) => (index % 2 ? first : second)(inputs)))
    expect(lm.maxInFlight).toBe(3)
    configure({ asyncMaxWorkers: 5 })
    lm.maxInFlight = 0
    await Promise.all(questions(8).map((inputs) => first(inputs)))
    expect(lm.maxInFlight).toBe(5)
  })

  it("runs each call with its caller's settings, even after waiting for a slot", async () => {
    configure({ lm: new SlowLM('global') })
    const program = asyncify(new Predict('question -> answer'), { maxWorkers: 1 })
    const [plain, scoped, other] = await Promise.all([
      program({ question: 'a' }),
      context({ lm: new SlowLM('scoped') }, () => program({ question: 'b' })),
      context({ lm: new SlowLM('other') }, () => program({ question: 'c' })),
    ])
    expect([plain.answer, scoped.answer, other.answer]).toEqual(['global', 'scoped', 'other'])
  })

  it('wraps plain functions, keeps the program, and passes errors on', async () => {
    const fn = async (inputs: Record<string, unknown>) => new Prediction({ echo: inputs.text })
    const program = asyncify(fn)
    expect(program.program).toBe(fn)
    expect((await program({ text: 'hi' })).echo).toBe('hi')
    const failing = asyncify(() => {
      throw new Error('boom')
    })
    await expect(failing({})).rejects.toThrow('boom')
    // The failed call gave its slot back.
    expect((await program({ text: 'again' })).echo).toBe('again')
  })

  it('rejects a worker count below one with a typed error', async () => {
    expect(() => asyncify(new Predict('q -> a'), { maxWorkers: 0 })).toThrowError(
      /maxWorkers must be a whole number of at least 1, got 0/,
    )
    configure({ asyncMaxWorkers: -1 })
    await expect(asyncify(new Predict('q -> a'))({ q: 'x' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    })
  })
})
