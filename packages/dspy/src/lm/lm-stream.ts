/** One streamed text delta, tagged with the predictor whose LM call produced it. */
export interface LmStreamChunk {
  type: 'lm-chunk'
  model: string
  predictor: unknown
  delta: string
}

/** What `settings.sendStream` must be: something that accepts chunks. */
export interface LmStreamSink {
  send(chunk: LmStreamChunk): void | Promise<void>
}

/** The sink in `settings.sendStream`, or undefined when it is not one. */
export function streamSink(value: unknown): LmStreamSink | undefined {
  const candidate = value as { send?: unknown } | undefined
  return typeof candidate?.send === 'function' ? (candidate as LmStreamSink) : undefined
}
