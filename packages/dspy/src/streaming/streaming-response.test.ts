import { afterEach, describe, expect, it } from 'vitest'
import type { LmStreamChunk } from '../lm/lm-stream.ts'
import { LM } from '../lm/lm.ts'
import { RequestCache } from '../lm/request-cache.ts'
import { Predict } from '../predict/predict.ts'
import { Example } from '../primitives/example.ts'
import { Prediction } from '../primitives/prediction.ts'
import { configure, settings } from '../settings/settings.ts'
import { FakeOpenAIServer } from '../testing/fake-openai-server.ts'
import { StatusMessage, StreamResponse } from './messages.ts'
import { StreamListener } from './stream-listener.ts'
import { streamingResponse, toReadableStream } from './streaming-response.ts'
import { streamify } from './streamify.ts'

afterEach(() => settings.reset())

async function* from(values: unknown[]): AsyncGenerator<unknown> {
  for (const value of values) yield value
}

async function all(stream: AsyncIterable<string>): Promise<string[]> {
  const lines: string[] = []
  for await (const line of stream) lines.push(line)
  return lines
}

const chunk: LmStreamChunk = {
  type: 'lm-chunk',
  model: 'openai/gpt-4o-mini',
  predictor: {},
  delta: 'Pa',
}

describe('streamingResponse', () => {
  it('writes every kind of value as one server-sent event, then [DONE]', async () => {
    const prediction = new Prediction({
      answer: 'Paris',
      score: 0.5,
      source: new Example({ title: 'Wiki' }),
      dspy_uuid: 'hidden',
    })
    const lines = await all(
      streamingResponse(
        from([
          chunk,
          new StreamResponse({
            predictName: 'predict',
            signatureFieldName: 'answer',
            chunk: 'Par"is',
            isLastChunk: true,
          }),
          new StatusMessage({ message: 'Calling tool search...' }),
          'data: {"custom": 1}\n\n',
          prediction,
        ]),
      ),
    )
    expect(lines).toEqual([
      'data: {"chunk":{"object":"chat.completion.chunk","model":"openai/gpt-4o-mini","choices":[{"index":0,"delta":{"content":"Pa"}}]}}\n\n',
      'data: {"chunk":{"predict_name":"predict","signature_field_name":"answer","chunk":"Par\\"is","is_last_chunk":true}}\n\n',
      'data: {"status":"Calling tool search..."}\n\n',
      'data: {"custom": 1}\n\n',
      'data: {"prediction":{"answer":"Paris","score":0.5,"source":{"title":"Wiki"}}}\n\n',
      'data: [DONE]\n\n',
    ])
  })

  it('rejects values it cannot encode with a typed error', async () => {
    await expect(all(streamingResponse(from([{ foo: 1 }])))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/^Unknown chunk value type: Object/),
    })
    await expect(all(streamingResponse(from(['plain text'])))).rejects.toThrow(
      /Unknown chunk value type: plain text/,
    )
  })

  it('ends with [DONE] alone for an empty stream', async () => {
    expect(await all(streamingResponse(from([])))).toEqual(['data: [DONE]\n\n'])
  })
})

describe('toReadableStream', () => {
  it('serves a streamified program as an SSE Response body', async () => {
    const server = await FakeOpenAIServer.start({
      responses: ['[[ ## answer ## ]]\nParis is the capital.\n\n[[ ## completed ## ]]'],
    })
    try {
      const cacheStore = new RequestCache({ enableDiskCache: false })
      configure({
        lm: new LM('openai/gpt-4o-mini', { apiBase: server.url, apiKey: 'k', cacheStore }),
      })
      const stream = streamify(new Predict('question -> answer'), {
        streamListeners: [new StreamListener({ signatureFieldName: 'answer' })],
      })
      const body = toReadableStream(streamingResponse(stream({ question: 'Capital of France?' })))
      const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } })
      const events = (await response.text()).split('\n\n').filter(Boolean)
      expect(events.at(-1)).toBe('data: [DONE]')
      expect(events.at(-2)).toBe('data: {"prediction":{"answer":"Paris is the capital."}}')
      const text = events
        .slice(0, -2)
        .map((event) => JSON.parse(event.slice('data: '.length)).chunk.chunk)
        .join('')
      expect(text).toBe('Paris is the capital.')
    } finally {
      await server.close()
    }
  })

  it('encodes UTF-8, errors the stream on failure, and stops the source when cancelled', async () => {
    const text = await new Response(toReadableStream(from(['données ', '✓']) as never)).text()
    expect(text).toBe('données ✓')
    async function* failing(): AsyncGenerator<string> {
      yield 'data: 1\n\n'
      throw new Error('program failed')
    }
    await expect(new Response(toReadableStream(failing())).text()).rejects.toThrow('program failed')
    let stopped = false
    async function* endless(): AsyncGenerator<string> {
      try {
        for (;;) yield 'data: tick\n\n'
      } finally {
        stopped = true
      }
    }
    const reader = toReadableStream(endless()).getReader()
    await reader.read()
    await reader.cancel()
    expect(stopped).toBe(true)
  })
})
