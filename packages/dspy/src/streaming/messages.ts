import type { Callback, CallEndEvent, CallStartEvent } from '../callbacks/callback.ts'
import { streamSink } from '../lm/lm-stream.ts'
import { settings } from '../settings/settings.ts'

/**
 * One piece of one output field, as a {@link StreamListener} cut it from the LM's stream
 * (DSPy's `dspy.streaming.StreamResponse`). `isLastChunk` is true on the field's final piece.
 *
 * @example
 * for await (const value of streamingProgram({ question })) {
 *   if (value instanceof StreamResponse) process.stdout.write(value.chunk)
 * }
 */
export class StreamResponse {
  /** The name of the predictor in the program (`predict`, `extract.predict`, ...). */
  readonly predictName: string | undefined
  /** The output field this piece belongs to. */
  readonly signatureFieldName: string
  readonly chunk: string
  readonly isLastChunk: boolean

  constructor(options: {
    predictName: string | undefined
    signatureFieldName: string
    chunk: string
    isLastChunk: boolean
  }) {
    this.predictName = options.predictName
    this.signatureFieldName = options.signatureFieldName
    this.chunk = options.chunk
    this.isLastChunk = options.isLastChunk
  }
}

/**
 * A progress message sent while a streamified program runs (DSPy's `StatusMessage`).
 *
 * @example
 * if (value instanceof StatusMessage) console.log(value.message) // 'Calling tool get_weather...'
 */
export class StatusMessage {
  readonly message: string

  constructor(options: { message: string }) {
    this.message = options.message
  }
}

/** What a status-message hook returns: the text, or nothing for no message. */
export type StatusText = string | undefined | null

/**
 * Which status messages a streamified program sends (DSPy's `StatusMessageProvider`). The
 * defaults announce tool calls only; extend the class (or pass an object with some of these
 * methods to `streamify`) to add module or LM messages.
 *
 * @example
 * class MyStatus extends StatusMessageProvider {
 *   override lmStartStatusMessage() {
 *     return 'Querying the LM...'
 *   }
 * }
 * const stream = streamify(program, { statusMessageProvider: new MyStatus() })
 */
export class StatusMessageProvider {
  /** Before a Tool runs: «Calling tool {name}...». */
  toolStartStatusMessage(event: CallStartEvent): StatusText {
    return `Calling tool ${(event.instance as { name?: unknown }).name}...`
  }

  /** After a Tool ran. */
  toolEndStatusMessage(_event: CallEndEvent): StatusText {
    return 'Tool calling finished! Querying the LLM with tool calling results...'
  }

  /** Before a Module (or Predict) runs: no message by default. */
  moduleStartStatusMessage(_event: CallStartEvent): StatusText {
    return undefined
  }

  /** After a Module ran: no message by default. */
  moduleEndStatusMessage(_event: CallEndEvent): StatusText {
    return undefined
  }

  /** Before an LM call: no message by default. */
  lmStartStatusMessage(_event: CallStartEvent): StatusText {
    return undefined
  }

  /** After an LM call: no message by default. */
  lmEndStatusMessage(_event: CallEndEvent): StatusText {
    return undefined
  }
}

type ProviderMethod = Exclude<keyof StatusMessageProvider, 'constructor'>

/**
 * The callback `streamify` adds (DSPy's `StatusStreamingCallback`): it asks the provider for a
 * message at each tool, module and LM start and end, and sends it to `settings.sendStream`. The
 * `finish` tool of ReAct and its «Completed.» result send nothing.
 *
 * @example
 * context({ sendStream, callbacks: [new StatusStreamingCallback()] }, () => agent.call({ question }))
 */
export class StatusStreamingCallback implements Callback {
  readonly statusMessageProvider: Partial<StatusMessageProvider>
  private readonly defaults = new StatusMessageProvider()

  constructor(options: { statusMessageProvider?: Partial<StatusMessageProvider> } = {}) {
    this.statusMessageProvider = options.statusMessageProvider ?? this.defaults
  }

  private send(method: ProviderMethod, event: CallStartEvent | CallEndEvent): void {
    const sink = streamSink(settings.get('sendStream'))
    if (!sink) return
    const provider = this.statusMessageProvider
    const hook = (provider[method] ?? this.defaults[method]) as (
      event: CallStartEvent | CallEndEvent,
    ) => StatusText
    const message = hook.call(provider, event)
    if (message) void (sink.send as (value: unknown) => unknown)(new StatusMessage({ message }))
  }

  onToolStart(event: CallStartEvent): void {
    if ((event.instance as { name?: unknown } | undefined)?.name === 'finish') return
    this.send('toolStartStatusMessage', event)
  }

  onToolEnd(event: CallEndEvent): void {
    if (event.outputs === 'Completed.') return
    this.send('toolEndStatusMessage', event)
  }

  onModuleStart(event: CallStartEvent): void {
    this.send('moduleStartStatusMessage', event)
  }

  onModuleEnd(event: CallEndEvent): void {
    this.send('moduleEndStatusMessage', event)
  }

  onLmStart(event: CallStartEvent): void {
    this.send('lmStartStatusMessage', event)
  }

  onLmEnd(event: CallEndEvent): void {
    this.send('lmEndStatusMessage', event)
  }
}
