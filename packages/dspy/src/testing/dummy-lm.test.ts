import { afterEach, describe, expect, it } from 'vitest'
import { Predict } from '../predict/predict.ts'
import { Example } from '../primitives/example.ts'
import { configure, settings } from '../settings/settings.ts'
import { DummyLM } from './dummy-lm.ts'

afterEach(() => settings.reset())

describe('DummyLM', () => {
  it('answers from a list in order, then says it has no more responses', async () => {
    configure({ lm: new DummyLM([{ answer: 'red' }]) })
    const predict = new Predict('question -> answer')
    expect((await predict.call({ question: 'Sky?' })).answer).toBe('red')
    expect((await predict.call({ question: 'Sky?' })).answer).toBe('No more responses')
  })

  it('answers from a record keyed by text found in the last message', async () => {
    configure({
      lm: new DummyLM({
        'Capital of France': { answer: 'Paris' },
        'Capital of Peru': { answer: 'Lima' },
      }),
    })
    const predict = new Predict('question -> answer')
    expect((await predict.call({ question: 'Capital of Peru?' })).answer).toBe('Lima')
    expect((await predict.call({ question: 'Capital of France?' })).answer).toBe('Paris')
  })

  it('follows the demo whose input matches the current input', async () => {
    configure({ lm: new DummyLM([], { followExamples: true }) })
    const predict = new Predict('question -> answer')
    predict.demos = [
      new Example({ question: 'What color is the sky?', answer: 'blue' }),
      new Example({ question: 'What color is grass?', answer: 'green' }),
    ]
    expect((await predict.call({ question: 'What color is the sky?' })).answer).toBe('blue')
  })

  it('reports usage per model when usage tracking is on', async () => {
    configure({ lm: new DummyLM([{ answer: 'a' }]), trackUsage: true })
    const prediction = await new Predict('question -> answer').call({ question: 'q' })
    expect(prediction.getLmUsage()).toEqual({
      dummy: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    })
  })
})
