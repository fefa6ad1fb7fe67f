/**
 * @module @dspyflow/dspy/streaming
 * DSPy's `dspy.asyncify`, `dspy.streamify` and `dspy.streaming`: run programs concurrently with
 * a worker limit, stream output fields and status messages while they run, and serve the
 * stream as server-sent events.
 *
 * @example
 * const stream = streamify(asyncify(new ChainOfThought('question -> answer')), {
 *   streamListeners: [new StreamListener({ signatureFieldName: 'answer' })],
 * })
 * const sse = toReadableStream(streamingResponse(stream({ question: 'Why is the sky blue?' })))
 */
export {
  type AsyncifyOptions,
  type AsyncProgram,
  asyncify,
  type CallableProgram,
} from './asyncify.ts'
export {
  StatusMessage,
  StatusMessageProvider,
  StatusStreamingCallback,
  type StatusText,
  StreamResponse,
} from './messages.ts'
export { StreamListener, type StreamListenerOptions } from './stream-listener.ts'
export { streamingResponse, toReadableStream } from './streaming-response.ts'
export {
  findPredictorForStreamListeners,
  type StreamifyOptions,
  type StreamingProgram,
  type StreamValue,
  streamify,
} from './streamify.ts'
