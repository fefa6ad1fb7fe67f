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
 * One optimizer trial: which candidate was tried and how it scored. Fired by every optimizer
 * after each evaluated candidate, so tracking can show trials and not only evaluations.
 */
export interface TrialEvent {
  /** The id of the compile call the trial belongs to. */
  compileCallId: string | undefined
  /** The optimizer instance. */
  optimizer: unknown
  /** 1-based trial number, as the optimizer logs it. */
  trial: number
  /** `full` (the whole validation set) or `minibatch`. */
  evaluation: 'full' | 'minibatch'
  /** How many examples the score is over. */
  evaluationSize: number
  /** The score (DSPy's percentage where the optimizer logs one). */
  score: number
  /** Per predictor: the chosen instruction and demo set. */
  candidate: {
    predictor: string
    instructionIndex?: number
    instruction?: string
    demoSetIndex?: number
  }[]
  /** The candidate program itself, when the optimizer has one. */
  program?: unknown
  /** Whether this trial produced a new best score. */
  isBest?: boolean
  /** Free-form optimizer-specific details. */
  details?: Record<string, unknown>
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
  /** After each optimizer trial (see {@link TrialEvent}). */
  onTrialEnd?(event: TrialEvent): void
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
