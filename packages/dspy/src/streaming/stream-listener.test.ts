import { afterEach, describe, expect, it } from 'vitest'
import { Adapter } from '../adapters/adapter.ts'
import { ChatAdapter } from '../adapters/chat-adapter.ts'
import { JSONAdapter } from '../adapters/json-adapter.ts'
import { DspyError } from '../errors/dspy-error.ts'
import type { ChatMessage } from '../lm/lm-types.ts'
import { context, settings } from '../settings/settings.ts'
import type { StreamResponse } from './messages.ts'
import { StreamListener } from './stream-listener.ts'

afterEach(() => settings.reset())

const predictor = { name: 'qa' }

/** Feeds deltas to the listener and returns every piece it produced. */
function feed(listener: StreamListener, deltas: string[], adapter?: unknown): StreamResponse[] {
  const pieces: StreamResponse[] = []
  for (const delta of deltas) {
    const piece = listener.receive({ type: 'lm-chunk', model: 'm', predictor, delta }, { adapter })
    if (piece) pieces.push(piece)
  }
  const last = listener.finalize()
  if (last) pieces.push(last)
  return pieces
}

/** Token boundaries recorded from openai/gpt-4o-mini (the same as DSPy's streaming tests). */
const chatTokens = [
  '[[',
  ' ##',
  ' answer',
  ' ##',
  ' ]]\n\n',
  'To',
  ' get',
  ' to',
  ' the',
  ' other',
  ' side',
  '!\n\n[[ ##',
  ' completed',
  ' ##',
  ' ]]',
]

describe('StreamListener with ChatAdapter', () => {
  it('streams the field token by token, holds back the next header, marks the last piece', () => {
    const listener = new StreamListener({ signatureFieldName: 'answer', predictName: 'predict' })
    const pieces = feed(listener, chatTokens)
    expect(pieces.map((piece) => piece.chunk)).toEqual([
      'To',
      ' get',
      ' to',
      ' the',
      ' other',
      ' side',
      '!',
    ])
    expect(pieces.map((piece) => piece.isLastChunk)).toEqual([...Array(6).fill(false), true])
    expect(pieces[0]).toMatchObject({ predictName: 'predict', signatureFieldName: 'answer' })
    expect(listener.streamStart && listener.streamEnd && !listener.cacheHit).toBe(true)
  })

  it('reads the adapter from the settings when none is passed', () => {
    const listener = new StreamListener({ signatureFieldName: 'answer' })
    const pieces = context({ adapter: new ChatAdapter() }, () =>
      chatTokens.map((delta) =>
        listener.receive({ type: 'lm-chunk', model: 'm', predictor, delta }),
      ),
    )
    expect(pieces.filter((piece) => piece !== undefined).map((piece) => piece.chunk)).toContain(
      ' other',
    )
  })

  it('cuts the field out of a two-field answer and strips the whitespace around it', () => {
    const deltas = [
      '[[ ## reasoning ## ]]\n',
      'Think ',
      'twice.\n\n',
      '[[ ## answer ## ]]\n',
      'Paris  ',
      '\n\n[[ ## completed ## ]]',
    ]
    const reasoning = feed(new StreamListener({ signatureFieldName: 'reasoning' }), deltas)
    const answer = feed(new StreamListener({ signatureFieldName: 'answer' }), deltas)
    expect(reasoning.map((piece) => piece.chunk).join('')).toBe('Think twice.')
    expect(answer.map((piece) => piece.chunk).join('')).toBe('Paris')
    for (const pieces of [reasoning, answer]) {
      expect(pieces.filter((piece) => piece.isLastChunk)).toHaveLength(1)
      expect(pieces.at(-1)?.isLastChunk).toBe(true)
      expect(pieces.some((piece) => piece.chunk.includes('[['))).toBe(false)
    }
  })

  it('treats one chunk holding the header and the next one as a cache hit', () => {
    const listener = new StreamListener({ signatureFieldName: 'answer' })
    const pieces = feed(listener, ['[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]'])
    expect(pieces).toEqual([])
    expect(listener.cacheHit).toBe(true)
  })

  it('flushes held text when the stream ends without a completed marker', () => {
    const listener = new StreamListener({ signatureFieldName: 'answer' })
    const pieces = feed(listener, ['[[ ## answer ## ]]', '\n', 'See [', '1]'])
    expect(pieces.map((piece) => [piece.chunk, piece.isLastChunk])).toEqual([
      ['See [1]', false],
      ['', true],
    ])
  })

  it('releases the oldest held token after ten that could still form a header', () => {
    const listener = new StreamListener({ signatureFieldName: 'answer' })
    const deltas = ['[[ ## answer ## ]]', '\n', '[[ ##', ...Array(10).fill(' x')]
    const pieces = feed(listener, deltas)
    expect(pieces[0]?.chunk).toBe('[[ ##')
  })

  it('streams again on the next call only with allowReuse', () => {
    const once = feed(new StreamListener({ signatureFieldName: 'answer' }), [
      ...chatTokens,
      ...chatTokens,
    ])
    const twice = feed(new StreamListener({ signatureFieldName: 'answer', allowReuse: true }), [
      ...chatTokens,
      ...chatTokens,
    ])
    expect(once.map((piece) => piece.chunk).join('')).toBe('To get to the other side!')
    expect(twice.map((piece) => piece.chunk).join('')).toBe(
      'To get to the other side!To get to the other side!',
    )
  })

  it('rejects adapters other than ChatAdapter and JSONAdapter with a typed error', () => {
    class XmlishAdapter extends Adapter {
      protected formatMessages(): ChatMessage[] {
        return []
      }
      protected parseCompletion(): Record<string, unknown> {
        return {}
      }
    }
    const listener = new StreamListener({ signatureFieldName: 'answer' })
    const receive = () =>
      listener.receive(
        { type: 'lm-chunk', model: 'm', predictor, delta: '<answer>' },
        { adapter: new XmlishAdapter() },
      )
    expect(receive).toThrowError(/Unsupported adapter for streaming: XmlishAdapter/)
    try {
      receive()
    } catch (error) {
      expect(DspyError.isInstance(error) && error.code).toBe('INVALID_ARGUMENT')
    }
  })
})

describe('StreamListener with JSONAdapter', () => {
  const json = new JSONAdapter()

  it('streams the JSON text of a string value, quotes included, as DSPy does', () => {
    const deltas = ['{"', 'answer', '":', '"To', ' get', ' there', '!"', '}\n']
    const pieces = feed(new StreamListener({ signatureFieldName: 'answer' }), deltas, json)
    expect(pieces.map((piece) => piece.chunk)).toEqual(['"To', ' get', ' there', '!"'])
    expect(pieces.map((piece) => piece.isLastChunk)).toEqual([false, false, false, true])
  })

  it('ends the field at the next key and keeps each field to itself', () => {
    const deltas = ['{\n  "reasoning": ', '"Say \\"hi\\"', '",\n  "answer": ', '"Hi"\n}']
    const reasoning = feed(new StreamListener({ signatureFieldName: 'reasoning' }), deltas, json)
    const answer = feed(new StreamListener({ signatureFieldName: 'answer' }), deltas, json)
    expect(JSON.parse(reasoning.map((piece) => piece.chunk).join(''))).toBe('Say "hi"')
    expect(JSON.parse(answer.map((piece) => piece.chunk).join(''))).toBe('Hi')
    expect(reasoning.at(-1)?.isLastChunk).toBe(true)
    expect(answer.filter((piece) => piece.isLastChunk)).toHaveLength(1)
  })

  it('follows nested objects, arrays and literals to their end', () => {
    const deltas = [
      '{"',
      'response": {',
      '"items": ["a"',
      ', "b}"], ',
      '"ok": true}',
      ', "count": 4',
      '2}',
    ]
    const response = feed(new StreamListener({ signatureFieldName: 'response' }), deltas, json)
    const count = feed(new StreamListener({ signatureFieldName: 'count' }), deltas, json)
    expect(JSON.parse(response.map((piece) => piece.chunk).join(''))).toEqual({
      items: ['a', 'b}'],
      ok: true,
    })
    expect(response.at(-1)?.isLastChunk).toBe(true)
    expect(count.map((piece) => [piece.chunk, piece.isLastChunk])).toEqual([['42', true]])
  })
})
