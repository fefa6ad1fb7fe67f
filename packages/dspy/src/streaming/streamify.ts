import { AsyncLocalStorage } from 'node:async_hooks'
import { InvalidArgumentError } from '../errors/dspy-error.ts'
import type { LmStreamChunk } from '../lm/lm-stream.ts'
import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { context, settings } from '../settings/settings.ts'
import type { Signature } from '../signatures/signature.ts'
import { type AsyncProgram, asyncify, type CallableProgram } from './asyncify.ts'
import {
  type StatusMessage,
  type StatusMessageProvider,
  StatusStreamingCallback,
  type StreamResponse,
} from './messages.ts'
import type { StreamListener } from './stream-listener.ts'

/** Options of {@link streamify}. */
export interface StreamifyOptions {
  /** Which status messages to send; default: DSPy's tool messages. Missing methods use the defaults. */
  statusMessageProvider?: Partial<StatusMessageProvider>
  /** Fields to stream; without listeners the raw LM chunks are yielded instead. */
  streamListeners?: StreamListener[]
  /**
   * Yield the final Prediction (default true). Even when false it is yielded if no listener
   * streamed anything (e.g. the answer came from the cache).
   */
  includeFinalPredictionInOutputStream?: boolean
  /** Only `true` (the default): JavaScript cannot turn async work into a synchronous generator. */
  asyncStreaming?: boolean
}

/** What a streamified program yields. */
export type StreamValue = StreamResponse | StatusMessage | LmStreamChunk | Prediction

/** The function `streamify` returns. */
export type StreamingProgram = (
  inputs: Record<string, unknown>,
) => AsyncGenerator<StreamValue, void, undefined>

type QueueItem =
  | { kind: 'lm'; chunk: LmStreamChunk; adapter: unknown }
  | { kind: 'value'; value: unknown }
  | { kind: 'done'; prediction: Prediction }

/** Holds what the running program sends until the generator takes it; LM sends wait when full. */
class StreamQueue {
  private readonly items: QueueItem[] = []
  private readonly spaceWaiters: (() => void)[] = []
  private wake: (() => void) | undefined
  private failure: { error: unknown } | undefined
  private closed = false

  constructor(private readonly capacity: number) {}

  push(item: QueueItem): Promise<void> {
    if (this.closed) return Promise.resolve()
    this.items.push(item)
    this.wake?.()
    if (this.items.length <= this.capacity) return Promise.resolve()
    return new Promise((resolve) => this.spaceWaiters.push(resolve))
  }

  fail(error: unknown): void {
    this.failure = { error }
    this.wake?.()
  }

  close(): void {
    this.closed = true
    this.items.length = 0
    for (const resolve of this.spaceWaiters.splice(0)) resolve()
  }

  async next(): Promise<QueueItem> {
    for (;;) {
      const item = this.items.shift()
      if (item) {
        this.spaceWaiters.shift()?.()
        return item
      }
      if (this.failure) throw this.failure.error
      await new Promise<void>((resolve) => {
        this.wake = resolve
      })
      this.wake = undefined
    }
  }
}

function isLmChunk(value: unknown): value is LmStreamChunk {
  return (value as { type?: unknown } | null)?.type === 'lm-chunk'
}

function moduleOf(program: CallableProgram | AsyncProgram): Module | undefined {
  if (program instanceof Module) return program
  const inner = (program as Partial<AsyncProgram>).program
  return inner === undefined ? undefined : moduleOf(inner)
}

/**
 * Binds each listener to its predictor (DSPy's `find_predictor_for_stream_listeners`): a
 * listener without `predict` gets the one predictor of `program` with that output field. Fills
 * in `predict` and `predictName`; returns the listeners per predictor.
 *
 * @example
 * const byPredictor = findPredictorForStreamListeners({ program, streamListeners: [listener] })
 */
export function findPredictorForStreamListeners(options: {
  program: Module | undefined
  streamListeners: readonly StreamListener[]
}): Map<unknown, StreamListener[]> {
  const named = options.program?.namedPredictors() ?? []
  const wanted = new Set(
    options.streamListeners
      .filter((listener) => listener.predict === undefined)
      .map((listener) => listener.signatureFieldName),
  )
  const owners = new Map<string, [string, unknown]>()
  for (const [name, predictor] of named) {
    const signature = (predictor as { signature?: Signature }).signature
    for (const field of signature?.outputFields ?? []) {
      if (!wanted.has(field.name)) continue
      if (owners.has(field.name)) {
        throw new InvalidArgumentError({
          message: `Output field \`${field.name}\` belongs to more than one predictor (${owners.get(field.name)![0]}, ${name}); pass \`predict\` to its StreamListener to choose one.`,
        })
      }
      owners.set(field.name, [name, predictor])
    }
  }
  const byPredictor = new Map<unknown, StreamListener[]>()
  for (const listener of options.streamListeners) {
    if (listener.predict === undefined) {
      const owner = owners.get(listener.signatureFieldName)
      if (!owner) {
        throw new InvalidArgumentError({
          message: `No predictor of the program has an output field \`${listener.signatureFieldName}\`; check the field name or pass \`predict\` to its StreamListener.`,
        })
      }
      ;[listener.predictName, listener.predict] = owner
    } else if (listener.predictName === undefined) {
      listener.predictName = named.find(([, predictor]) => predictor === listener.predict)?.[0]
    }
    const list = byPredictor.get(listener.predict) ?? []
    list.push(listener)
    byPredictor.set(listener.predict, list)
  }
  return byPredictor
}

/**
 * DSPy's `dspy.streamify(program)`: a function whose calls return an async generator of the
 * program's progress while it runs: {@link StreamResponse} pieces of the listened fields (or,
 * without listeners, the raw LM chunks), {@link StatusMessage}s, and finally the Prediction.
 * Listeners are bound to predictors by their output-field name; an unknown or ambiguous name
 * throws here. Each call gets fresh copies of the listeners, so concurrent calls don't mix. The
 * program runs with the settings in force when the returned function is called (plus
 * `sendStream`, the status callback and the listeners), under the `asyncify` worker limit;
 * its errors are thrown by the generator.
 *
 * @example
 * const stream = streamify(new ChainOfThought('question -> answer'), {
 *   streamListeners: [new StreamListener({ signatureFieldName: 'answer' })],
 * })
 * for await (const value of stream({ question: 'Why is the sky blue?' })) {
 *   if (value instanceof StreamResponse) process.stdout.write(value.chunk)
 *   else if (value instanceof Prediction) console.log('\n', value.answer)
 * }
 */
export function streamify(
  program: CallableProgram | AsyncProgram,
  options: StreamifyOptions = {},
): StreamingProgram {
  const listeners = options.streamListeners ?? []
  const includeFinal = options.includeFinalPredictionInOutputStream ?? true
  if (options.asyncStreaming === false) {
    throw new InvalidArgumentError({
      message:
        'asyncStreaming: false is not supported: JavaScript cannot iterate async work synchronously; use `for await`.',
    })
  }
  const module = moduleOf(program)
  if (!module && listeners.some((listener) => listener.predict === undefined)) {
    throw new InvalidArgumentError({
      message:
        'streamify finds the predictors of a Module (or of an asyncify() result); for other programs pass `predict` to every StreamListener.',
    })
  }
  if (listeners.length > 0)
    findPredictorForStreamListeners({ program: module, streamListeners: listeners })
  const call = typeof program === 'function' && 'program' in program ? program : asyncify(program)
  const statusCallback = new StatusStreamingCallback({
    statusMessageProvider: options.statusMessageProvider,
  })

  async function* run(
    inputs: Record<string, unknown>,
    runInCallerContext: <T>(fn: () => T) => T,
  ): AsyncGenerator<StreamValue, void, undefined> {
    const own = listeners.map((listener) => listener.copy())
    const byPredictor = new Map<unknown, StreamListener[]>()
    for (const listener of own) {
      byPredictor.set(listener.predict, [...(byPredictor.get(listener.predict) ?? []), listener])
    }
    const queue = new StreamQueue(16)
    const sendStream = {
      send: (value: unknown) =>
        queue.push(
          isLmChunk(value)
            ? { kind: 'lm', chunk: value, adapter: settings.get('adapter') }
            : { kind: 'value', value },
        ),
    }
    runInCallerContext(async () => {
      const current = settings.get('callbacks')
      const callbacks = current.some((callback) => callback instanceof StatusStreamingCallback)
        ? current
        : [...current, statusCallback]
      return context({ sendStream, callbacks, streamListeners: own }, () => call(inputs))
    }).then(
      (prediction) => queue.push({ kind: 'done', prediction }),
      (error: unknown) => queue.fail(error),
    )
    try {
      for (;;) {
        const item = await queue.next()
        if (item.kind === 'value') yield item.value as StreamValue
        else if (item.kind === 'lm') {
          if (own.length === 0) yield item.chunk
          for (const listener of byPredictor.get(item.chunk.predictor) ?? []) {
            const piece = listener.receive(item.chunk, { adapter: item.adapter })
            if (piece) yield piece
          }
        } else {
          for (const listener of own) {
            const last = listener.finalize()
            if (last) yield last
          }
          const streamed = own.some((listener) => listener.streamStart)
          const cacheHit = own.some((listener) => listener.cacheHit)
          if (includeFinal || own.length === 0 || cacheHit || !streamed) yield item.prediction
          return
        }
      }
    } finally {
      queue.close()
    }
  }

  return (inputs) => run(inputs, AsyncLocalStorage.snapshot())
}
