import { InvalidArgumentError } from '../errors/dspy-error.ts'
import type { LmStreamChunk } from '../lm/lm-stream.ts'
import { Prediction } from '../primitives/prediction.ts'
import { StatusMessage, StreamResponse } from './messages.ts'

function plain(_key: string, value: unknown): unknown {
  const withDict = value as { toDict?: () => unknown } | null
  return typeof withDict?.toDict === 'function' ? withDict.toDict() : value
}

function event(data: unknown): string {
  return `data: ${JSON.stringify(data, plain)}\n\n`
}

function isLmChunk(value: unknown): value is LmStreamChunk {
  return (value as { type?: unknown } | null)?.type === 'lm-chunk'
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value)
  return value.constructor?.name ?? 'object'
}

/**
 * DSPy's `dspy.streaming.streaming_response`: turns a streamified program's output into
 * server-sent events, one `data: <json>\n\n` string per value, ending with `data: [DONE]\n\n`.
 * The JSON shapes:
 * - Prediction → `{"prediction": {field: value, ...}}` (fields without `dspy_` ones)
 * - LM chunk → `{"chunk": {"object": "chat.completion.chunk", "model": ..., "choices": [{"index": 0, "delta": {"content": ...}}]}}`
 *   (OpenAI's chunk shape, as DSPy sends LiteLLM's)
 * - StreamResponse → `{"chunk": {"predict_name": ..., "signature_field_name": ..., "chunk": ..., "is_last_chunk": ...}}`
 * - StatusMessage → `{"status": "Calling tool get_weather..."}`
 * - strings that start with `data:` are passed on unchanged
 *
 * Anything else throws an `InvalidArgumentError`; errors of the program are thrown as they come.
 *
 * @example
 * app.post('/predict/stream', async (c) => {
 *   const sse = streamingResponse(streamingProgram(await c.req.json()))
 *   return new Response(toReadableStream(sse), { headers: { 'content-type': 'text/event-stream' } })
 * })
 */
export async function* streamingResponse(
  stream: AsyncIterable<unknown>,
): AsyncGenerator<string, void, undefined> {
  for await (const value of stream) {
    if (value instanceof Prediction) {
      yield event({ prediction: Object.fromEntries(value.items()) })
    } else if (value instanceof StreamResponse) {
      yield event({
        chunk: {
          predict_name: value.predictName ?? null,
          signature_field_name: value.signatureFieldName,
          chunk: value.chunk,
          is_last_chunk: value.isLastChunk,
        },
      })
    } else if (isLmChunk(value)) {
      yield event({
        chunk: {
          object: 'chat.completion.chunk',
          model: value.model,
          choices: [{ index: 0, delta: { content: value.delta } }],
        },
      })
    } else if (value instanceof StatusMessage) {
      yield event({ status: value.message })
    } else if (typeof value === 'string' && value.startsWith('data:')) {
      yield value
    } else {
      throw new InvalidArgumentError({
        message: `Unknown chunk value type: ${describe(value)}; streamingResponse takes the output of a streamified program.`,
      })
    }
  }
  yield 'data: [DONE]\n\n'
}

/**
 * A web `ReadableStream` of UTF-8 bytes over strings (such as {@link streamingResponse}'s), to
 * return from a Hono (or any fetch-style) handler. Cancelling the stream stops the generator.
 *
 * @example
 * return new Response(toReadableStream(streamingResponse(stream)), {
 *   headers: { 'content-type': 'text/event-stream' },
 * })
 */
export function toReadableStream(source: AsyncIterable<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  const iterator = source[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await iterator.next()
        if (done) controller.close()
        else controller.enqueue(encoder.encode(value))
      } catch (error) {
        controller.error(error)
      }
    },
    async cancel(reason) {
      await iterator.return?.(reason)
    },
  })
}
