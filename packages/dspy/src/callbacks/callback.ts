/** What a start handler receives: the call's id, the object called, and its inputs as DSPy passes them. */
export interface CallStartEvent<Instance = unknown> {
  callId: string
  instance: Instance
  inputs: Record<string, unknown>
}

/** What an end handler receives: the outputs (undefined on failure) and the exception, if any. */
export interface CallEndEvent<Instance = unknown> {
  callId: string
  instance: Instance
  outputs: unknown
  exception: unknown
}

/**
 * Hooks into every module, LM, adapter, tool, evaluation and compile call, as DSPy's
 * `BaseCallback`. Every handler is optional; a handler that throws is logged and ignored, so a
 * callback can never break the program it observes.
 *
 * @example
 * dspy.configure({ callbacks: [{ onLmEnd: ({ outputs }) => console.log(outputs) }] })
 */
export interface Callback {
  onModuleStart?(event: CallStartEvent): void
  onModuleEnd?(event: CallEndEvent): void
  onLmStart?(event: CallStartEvent): void
  onLmEnd?(event: CallEndEvent): void
  onAdapterFormatStart?(event: CallStartEvent): void
  onAdapterFormatEnd?(event: CallEndEvent): void
  onAdapterParseStart?(event: CallStartEvent): void
  onAdapterParseEnd?(event: CallEndEvent): void
  onToolStart?(event: CallStartEvent): void
  onToolEnd?(event: CallEndEvent): void
  onEvaluateStart?(event: CallStartEvent): void
  onEvaluateEnd?(event: CallEndEvent): void
  onCompileStart?(event: CallStartEvent): void
  onCompileEnd?(event: CallEndEvent): void
}

/** Which pair of handlers a call reaches. */
export type CallbackKind =
  | 'module'
  | 'lm'
  | 'adapterFormat'
  | 'adapterParse'
  | 'tool'
  | 'evaluate'
  | 'compile'
