import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JSONAdapter } from '../adapters/json-adapter.ts'
import { LmError } from '../errors/lm-error.ts'
import { LM } from '../lm/lm.ts'
import type { LmStreamChunk } from '../lm/lm-stream.ts'
import { RequestCache } from '../lm/request-cache.ts'
import { getWeather } from '../predict/__fixtures__/sample-tools.ts'
import { ChainOfThought } from '../predict/chain-of-thought.ts'
import { Predict } from '../predict/predict.ts'
import { ReAct } from '../predict/react.ts'
import { Module } from '../primitives/module.ts'
import { Prediction } from '../primitives/prediction.ts'
import { configure, context, settings } from '../settings/settings.ts'
import { FakeOpenAIServer } from '../testing/fake-openai-server.ts'
import { asyncify } from './asyncify.ts'
import { StatusMessage, StreamResponse } from './messages.ts'
import { StreamListener } from './stream-listener.ts'
import { findPredictorForStreamListeners, type StreamValue, streamify } from './streamify.ts'

let server: FakeOpenAIServer

beforeEach(async () => {
  server = await FakeOpenAIServer.start()
})
afterEach(async () => {
  await server.close()
  settings.reset()
})

function makeLm(cacheStore = new RequestCache({ enableDiskCache: false })): LM {
  return new LM('openai/gpt-4o-mini', { apiBase: server.url, apiKey: 'test-key', cacheStore })
}

async function collect(stream: AsyncIterable<StreamValue>): Promise<StreamValue[]> {
  const values: StreamValue[] = []
  for await (const value of stream) values.push(value)
  return values
}

const pieces = (values: StreamValue[], field?: string) =>
  values.filter(
    (value): value is StreamResponse =>
      value instanceof StreamResponse && (!field || value.signatureFieldName === field),
  )

const cotAnswer =
  '[[ ## reasoning ## ]]\nThe sky scatters blue light more than red light.\n\n' +
  '[[ ## answer ## ]]\nBecause of Rayleigh scattering.\n\n[[ ## completed ## ]]'

const listenersFor = (...fields: string[]) =>
  fields.map((signatureFieldName) => new StreamListener({ signatureFieldName }))

describe('streamify with ChatAdapter', () => {
  it('streams reasoning and answer of a ChainOfThought without markers, then the Prediction', async () => {
    server.enqueue(cotAnswer)
    configure({ lm: makeLm() })
    const stream = streamify(new ChainOfThought('question -> answer'), {
      streamListeners: listenersFor('reasoning', 'answer'),
    })
    const values = await collect(stream({ question: 'Why is the sky blue?' }))
    const prediction = values.at(-1) as Prediction
    expect(prediction).toBeInstanceOf(Prediction)
    expect(values.filter((value) => value instanceof Prediction)).toHaveLength(1)
    for (const field of ['reasoning', 'answer']) {
      const streamed = pieces(values, field)
      expect(streamed.length).toBeGreaterThan(1)
      expect(streamed.map((piece) => piece.chunk).join('')).toBe(prediction.get(field))
      expect(streamed.filter((piece) => piece.isLastChunk)).toHaveLength(1)
      expect(streamed.at(-1)?.isLastChunk).toBe(true)
      expect(streamed.every((piece) => piece.predictName === 'predict')).toBe(true)
    }
    expect(pieces(values).some((piece) => /\[\[|##|\]\]/.test(piece.chunk))).toBe(false)
    expect(pieces(values).findIndex((piece) => piece.signatureFieldName === 'answer')).toBe(
      pieces(values, 'reasoning').length,
    )
    expect(values.some((value) => (value as LmStreamChunk).type === 'lm-chunk')).toBe(false)
    expect(server.lastRequest?.body.stream).toBe(true)
  })

  it('yields the raw LM chunks when there are no listeners', async () => {
    server.enqueue(cotAnswer)
    configure({ lm: makeLm() })
    const stream = streamify(new ChainOfThought('question -> answer'))
    const values = await collect(stream({ question: 'Why is the sky blue?' }))
    const chunks = values.filter((value): value is LmStreamChunk => !(value instanceof Prediction))
    expect(chunks.length).toBeGreaterThan(5)
    expect(chunks.map((chunk) => chunk.delta).join('')).toBe(cotAnswer)
    expect(chunks[0]).toMatchObject({ type: 'lm-chunk', model: 'openai/gpt-4o-mini' })
    expect((values.at(-1) as Prediction).answer).toBe('Because of Rayleigh scattering.')
  })

  it('streams only the listened predictor of a two-step program', async () => {
    class Judge extends Module {
      answerer = new Predict('question -> answer')
      judge = new Predict('question, answer -> judgement')
      async forward(inputs: Record<string, unknown>): Promise<Prediction> {
        const { answer } = await this.answerer.call(inputs)
        return this.judge.call({ ...inputs, answer })
      }
    }
    server.enqueue(
      '[[ ## answer ## ]]\nTo get to the other side!\n\n[[ ## completed ## ]]',
      '[[ ## judgement ## ]]\nA classic joke, well told.\n\n[[ ## completed ## ]]',
    )
    configure({ lm: makeLm() })
    const stream = streamify(new Judge(), {
      streamListeners: listenersFor('judgement'),
      includeFinalPredictionInOutputStream: false,
    })
    const values = await collect(stream({ question: 'Why did the chicken cross the road?' }))
    expect(values.every((value) => value instanceof StreamResponse)).toBe(true)
    expect(
      pieces(values)
        .map((piece) => piece.chunk)
        .join(''),
    ).toBe('A classic joke, well told.')
    expect(pieces(values)[0]?.predictName).toBe('judge')
  })

  it('yields the Prediction of a cached call even when the final Prediction is left out', async () => {
    const cacheStore = new RequestCache({ enableDiskCache: false })
    server.enqueue(cotAnswer)
    configure({ lm: makeLm(cacheStore) })
    const stream = streamify(new ChainOfThought('question -> answer'), {
      streamListeners: listenersFor('answer'),
      includeFinalPredictionInOutputStream: false,
    })
    const first = await collect(stream({ question: 'Why is the sky blue?' }))
    expect(first.length).toBeGreaterThan(1)
    expect(first.some((value) => value instanceof Prediction)).toBe(false)
    const second = await collect(stream({ question: 'Why is the sky blue?' }))
    expect(server.requests).toHaveLength(1)
    expect(second).toHaveLength(1)
    expect((second[0] as Prediction).answer).toBe('Because of Rayleigh scattering.')
  })

  it('sends ReAct tool status messages, none for finish', async () => {
    server.enqueue(
      '[[ ## next_thought ## ]]\nI need the weather.\n\n[[ ## next_tool_name ## ]]\nget_weather\n\n' +
        '[[ ## next_tool_args ## ]]\n{"city": "Tokyo"}\n\n[[ ## completed ## ]]',
      '[[ ## next_thought ## ]]\nDone.\n\n[[ ## next_tool_name ## ]]\nfinish\n\n' +
        '[[ ## next_tool_args ## ]]\n{}\n\n[[ ## completed ## ]]',
      '[[ ## reasoning ## ]]\nThe tool said sunny.\n\n[[ ## answer ## ]]\nSunny.\n\n[[ ## completed ## ]]',
    )
    configure({ lm: makeLm() })
    const agent = new ReAct('question -> answer', { tools: [getWeather] })
    const stream = streamify(agent, {
      streamListeners: [
        new StreamListener({ signatureFieldName: 'next_thought', allowReuse: true }),
      ],
    })
    const values = await collect(stream({ question: 'Weather in Tokyo?' }))
    const status = values.filter((value) => value instanceof StatusMessage)
    expect(status.map((message) => message.message)).toEqual([
      'Calling tool get_weather...',
      'Tool calling finished! Querying the LLM with tool calling results...',
    ])
    const thoughts = pieces(values).filter((piece) => piece.isLastChunk)
    expect(thoughts.map((piece) => piece.predictName)).toEqual(['react', 'react'])
    expect(
      pieces(values)
        .map((piece) => piece.chunk)
        .join('|'),
    ).toContain('Done.')
    const firstStatus = values.indexOf(status[0]!)
    expect(values.indexOf(thoughts[0]!)).toBeLessThan(firstStatus)
    expect((values.at(-1) as Prediction).answer).toBe('Sunny.')
  })

  it('serves an asyncify() program and runs it with the settings of the call', async () => {
    server.enqueue(cotAnswer)
    const program = asyncify(new ChainOfThought('question -> answer'))
    const stream = streamify(program, { streamListeners: listenersFor('answer') })
    const generator = context({ lm: makeLm() }, () => stream({ question: 'Why is the sky blue?' }))
    const values = await collect(generator)
    expect(
      pieces(values)
        .map((piece) => piece.chunk)
        .join(''),
    ).toBe('Because of Rayleigh scattering.')
  })

  it('keeps concurrent calls of one streamified program apart', async () => {
    const replies = new Map([
      ['one', '[[ ## answer ## ]]\nfirst answer here\n\n[[ ## completed ## ]]'],
      ['two', '[[ ## answer ## ]]\nsecond answer there\n\n[[ ## completed ## ]]'],
    ])
    const routed = await FakeOpenAIServer.start({
      handler: (request) => {
        const text = JSON.stringify(request.body.messages)
        return replies.get(text.includes('one') ? 'one' : 'two')!
      },
    })
    try {
      const lm = new LM('openai/gpt-4o-mini', { apiBase: routed.url, apiKey: 'k', cache: false })
      configure({ lm })
      const stream = streamify(new Predict('question -> answer'), {
        streamListeners: listenersFor('answer'),
      })
      const [one, two] = await Promise.all([
        collect(stream({ question: 'one' })),
        collect(stream({ question: 'two' })),
      ])
      expect(
        pieces(one)
          .map((piece) => piece.chunk)
          .join(''),
      ).toBe('first answer here')
      expect(
        pieces(two)
          .map((piece) => piece.chunk)
          .join(''),
      ).toBe('second answer there')
    } finally {
      await routed.close()
    }
  })
})

describe('streamify with JSONAdapter', () => {
  it('streams the JSON text of the listened field', async () => {
    server.enqueue(
      '{\n  "reasoning": "Blue light scatters most.",\n  "answer": "Rayleigh scattering"\n}',
    )
    configure({ lm: makeLm(), adapter: new JSONAdapter() })
    const stream = streamify(new ChainOfThought('question -> answer'), {
      streamListeners: listenersFor('reasoning', 'answer'),
    })
    const values = await collect(stream({ question: 'Why is the sky blue?' }))
    const prediction = values.at(-1) as Prediction
    for (const field of ['reasoning', 'answer']) {
      const streamed = pieces(values, field)
      expect(JSON.parse(streamed.map((piece) => piece.chunk).join(''))).toBe(prediction.get(field))
      expect(streamed.filter((piece) => piece.isLastChunk)).toHaveLength(1)
    }
    expect(prediction.answer).toBe('Rayleigh scattering')
  })
})

describe('streamify errors', () => {
  it('throws a typed error for ambiguous or unknown fields, and for asyncStreaming false', () => {
    class Two extends Module {
      a = new Predict('question -> answer')
      b = new Predict('question -> answer')
      forward(inputs: Record<string, unknown>): Promise<Prediction> {
        return this.a.call(inputs)
      }
    }
    const create = (options: Parameters<typeof streamify>[1]) => () => streamify(new Two(), options)
    expect(create({ streamListeners: listenersFor('answer') })).toThrowError(/more than one/)
    expect(create({ streamListeners: listenersFor('nope') })).toThrowError(/nope/)
    expect(create({ asyncStreaming: false })).toThrowError(/asyncStreaming: false/)
    const fn = async () => new Prediction({})
    expect(() => streamify(fn, { streamListeners: listenersFor('answer') })).toThrowError(
      /pass `predict` to every StreamListener/,
    )
  })

  it('surfaces the errors of the program from the generator', async () => {
    server.enqueue({ status: 401 })
    configure({ lm: makeLm() })
    const stream = streamify(new Predict('question -> answer'))
    const failure = await collect(stream({ question: 'x' })).catch((error: unknown) => error)
    expect(LmError.isLmError(failure)).toBe(true)
    const bad = streamify(new Predict('question -> answer'))
    // Module.call throws synchronously for positional-style inputs; the generator rethrows it.
    await expect(collect(bad('oops' as never))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' })
  })

  it('lets the consumer stop early; the program finishes on its own', async () => {
    server.enqueue(cotAnswer)
    const lm = makeLm()
    configure({ lm })
    const stream = streamify(new ChainOfThought('question -> answer'))
    for await (const value of stream({ question: 'Why is the sky blue?' })) {
      expect(value).toMatchObject({ type: 'lm-chunk' })
      break
    }
    await expect.poll(() => lm.history.length).toBe(1)
  })
})

describe('findPredictorForStreamListeners', () => {
  class TwoAnswers extends Module {
    first = new Predict('question -> answer')
    second = new ChainOfThought('question -> answer, score: float')
    forward(inputs: Record<string, unknown>): Promise<Prediction> {
      return this.first.call(inputs)
    }
  }

  it('binds listeners to the predictor owning the field and names it', () => {
    const program = new TwoAnswers()
    const score = new StreamListener({ signatureFieldName: 'score' })
    const reasoning = new StreamListener({ signatureFieldName: 'reasoning' })
    const explicit = new StreamListener({ signatureFieldName: 'answer', predict: program.first })
    const map = findPredictorForStreamListeners({
      program,
      streamListeners: [score, reasoning, explicit],
    })
    expect(score).toMatchObject({ predict: program.second.predict, predictName: 'second.predict' })
    expect(explicit.predictName).toBe('first')
    expect(map.get(program.second.predict)).toEqual([score, reasoning])
    expect(map.get(program.first)).toEqual([explicit])
  })

  it('throws a typed error for an ambiguous or unknown field', () => {
    const program = new TwoAnswers()
    const find = (signatureFieldName: string) => () =>
      findPredictorForStreamListeners({
        program,
        streamListeners: [new StreamListener({ signatureFieldName })],
      })
    expect(find('answer')).toThrowError(/more than one predictor \(first, second\.predict\)/)
    expect(find('summary')).toThrowError(/No predictor of the program has an output field/)
  })
})
