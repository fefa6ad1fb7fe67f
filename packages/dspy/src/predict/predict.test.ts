import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Callback } from '../callbacks/callback.ts'
import { JSONAdapter } from '../adapters/json-adapter.ts'
import { AdapterParseError } from '../errors/adapter-parse-error.ts'
import { MissingInputError, NoLmConfiguredError, StateError } from '../errors/dspy-error.ts'
import { Example } from '../primitives/example.ts'
import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { configure, context, settings } from '../settings/settings.ts'
import { DummyLM } from '../testing/dummy-lm.ts'
import { ChainOfThought } from './chain-of-thought.ts'
import { Predict } from './predict.ts'

afterEach(() => settings.reset())

class TwoStep extends Module {
  first = new Predict('question -> topic')
  second = new ChainOfThought('topic -> answer')
  async forward(inputs: Record<string, unknown>): Promise<Prediction> {
    const { topic } = (await this.first.call(inputs)).toDict()
    return this.second.call({ topic })
  }
}

describe('Predict', () => {
  it('formats, calls the LM and parses the answer', async () => {
    const lm = new DummyLM([{ answer: 'Paris' }])
    configure({ lm })
    const prediction = await new Predict('question -> answer').call({
      question: 'Capital of France?',
    })
    expect(prediction.answer).toBe('Paris')
    expect(lm.history[0]!.messages![1]!.content).toContain(
      '[[ ## question ## ]]\nCapital of France?',
    )
  })

  it('returns every completion when n > 1 and raises temperature as DSPy does', async () => {
    const lm = new DummyLM([{ answer: 'a' }, { answer: 'b' }, { answer: 'c' }])
    const prediction = await context({ lm }, () =>
      new Predict('q -> answer', { config: { n: 3 } }).call({ q: 'x' }),
    )
    expect(prediction.completions.get('answer')).toEqual(['a', 'b', 'c'])
    expect(lm.history[0]!.kwargs).toEqual({ n: 3, temperature: 0.7 })
  })

  it('raises typed errors for a missing LM, missing inputs and unparseable output', async () => {
    const predict = new Predict('question, context -> answer')
    await expect(predict.call({ question: 'q', context: 'c' })).rejects.toThrow(NoLmConfiguredError)
    configure({ lm: new DummyLM([{ wrong: 'field' }, { wrong: 'field' }]) })
    await expect(predict.call({ question: 'q' })).rejects.toThrow(MissingInputError)
    await expect(predict.call({ question: 'q' })).rejects.toThrow(/`context`/)
    await expect(predict.call({ question: 'q', context: 'c' })).rejects.toThrow(AdapterParseError)
  })

  it('falls back to the JSONAdapter when the ChatAdapter cannot parse the answer', async () => {
    // The scripted LM answers in JSON, which the ChatAdapter cannot parse: the JSONAdapter retry can.
    const lm = new DummyLM([{ answer: 'from json' }, { answer: 'from json' }], {
      adapter: new JSONAdapter(),
    })
    configure({ lm })
    const prediction = await new Predict('question -> answer').call({ question: 'q' })
    expect(prediction.answer).toBe('from json')
    expect(lm.history).toHaveLength(2)
    expect(lm.history[0]!.messages![0]!.content).not.toContain('Outputs will be a JSON object')
    expect(lm.history[1]!.messages![0]!.content).toContain('Outputs will be a JSON object')
  })

  it('records the call in the program trace', async () => {
    const trace: { predictor: unknown }[] = []
    const predict = new Predict('question -> answer')
    await context({ lm: new DummyLM([{ answer: 'a' }]), trace: trace as never }, () =>
      predict.call({ question: 'q' }),
    )
    expect(trace).toHaveLength(1)
    expect(trace[0]!.predictor).toBe(predict)
  })
})

describe('ChainOfThought', () => {
  it('adds reasoning as the first output field', async () => {
    configure({ lm: new DummyLM([{ reasoning: 'Two and two.', answer: '4' }]) })
    const cot = new ChainOfThought('question -> answer')
    expect(cot.predict.signature.outputFields.map((field) => field.name)).toEqual([
      'reasoning',
      'answer',
    ])
    expect(cot.predict.signature.instructions).toBe(
      'Given the fields `question`, produce the fields `answer`.',
    )
    const prediction = await cot.call({ question: '2+2?' })
    expect(prediction.toDict()).toEqual({ reasoning: 'Two and two.', answer: '4' })
  })
})

describe('Module', () => {
  it('names parameters as DSPy and records LM history on calling modules', async () => {
    const program = new TwoStep()
    expect(program.namedPredictors().map(([name]) => name)).toEqual(['first', 'second.predict'])
    configure({ lm: new DummyLM([{ topic: 'geo' }, { reasoning: 'r', answer: 'Paris' }]) })
    const prediction = await program.call({ question: 'Capital?' })
    expect(prediction.answer).toBe('Paris')
    expect(program.history).toHaveLength(2)
    expect(program.first.history).toHaveLength(1)
  })

  it('deep-copies and resets without touching the original', () => {
    const program = new TwoStep()
    program.first.demos = [new Example({ question: 'q', topic: 't' })]
    const copy = program.resetCopy()
    expect(copy.first).not.toBe(program.first)
    expect(copy.first.demos).toEqual([])
    expect(program.first.demos).toHaveLength(1)
  })

  it('saves and loads DSPy state files', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'dspyflow-state-'))
    const program = new TwoStep()
    program.first.demos = [new Example({ augmented: true, question: 'q', topic: 't' })]
    program.second.predict.signature =
      program.second.predict.signature.withInstructions('Think, then answer.')
    await program.save(join(folder, 'program.json'))
    const text = await readFile(join(folder, 'program.json'), 'utf8')
    expect(text.endsWith('}\n')).toBe(true)
    expect(JSON.parse(text).metadata.dependency_versions).toEqual({
      python: '3.11',
      dspy: '3.3.1',
      cloudpickle: '3.1',
    })
    const loaded = await new TwoStep().load(join(folder, 'program.json'))
    expect(loaded.first.demos).toEqual([{ augmented: true, question: 'q', topic: 't' }])
    expect(loaded.second.predict.signature.instructions).toBe('Think, then answer.')
    await expect(new Predict('a -> b').load(join(folder, 'program.json'))).rejects.toThrow(
      StateError,
    )
  })

  it('keeps running when a callback throws, and reports nested calls', async () => {
    const events: string[] = []
    const callback: Callback = {
      onModuleStart: ({ instance }) => {
        events.push(`start ${(instance as object).constructor.name}`)
        throw new Error('callback bug')
      },
      onLmEnd: () => events.push('lm end'),
      onModuleEnd: ({ exception }) => events.push(`end ${exception ? 'error' : 'ok'}`),
    }
    configure({ lm: new DummyLM([{ answer: 'x' }]), callbacks: [callback] })
    const warn = console.warn
    console.warn = () => {}
    try {
      await new Predict('q -> answer').call({ q: '1' })
    } finally {
      console.warn = warn
    }
    expect(events).toEqual(['start Predict', 'lm end', 'end ok'])
  })
})
