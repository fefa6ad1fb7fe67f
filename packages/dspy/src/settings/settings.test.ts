import { afterEach, describe, expect, it } from 'vitest'
import { Predict } from '../predict/predict.ts'
import { DummyLM } from '../testing/dummy-lm.ts'
import { configure, context, settings } from './settings.ts'

afterEach(() => settings.reset())

describe('settings', () => {
  it('scopes overrides to the context and restores the global value', async () => {
    const globalLm = new DummyLM([])
    const scopedLm = new DummyLM([])
    configure({ lm: globalLm })
    await context({ lm: scopedLm }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1))
      expect(settings.lm).toBe(scopedLm)
    })
    expect(settings.lm).toBe(globalLm)
  })

  it('gives 64 concurrent calls, each under its own context, their own LM', async () => {
    const predict = new Predict('question -> answer')
    const lms = Array.from(
      { length: 64 },
      (_, index) => new DummyLM(Array(1).fill({ answer: `lm-${index}` })),
    )
    const answers = await Promise.all(
      lms.map((lm, index) =>
        context({ lm }, async () => {
          await new Promise((resolve) => setTimeout(resolve, (index * 7) % 5))
          return (await predict.call({ question: `q${index}` })).answer
        }),
      ),
    )
    expect(answers).toEqual(lms.map((_, index) => `lm-${index}`))
    for (const [index, lm] of lms.entries()) {
      expect(lm.history).toHaveLength(1)
      expect(JSON.stringify(lm.history[0]!.messages)).toContain(`q${index}`)
    }
  })
})
