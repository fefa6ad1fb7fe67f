import { ChatAdapter } from '../adapters/chat-adapter.ts'
import type { Adapter } from '../adapters/adapter.ts'
import {
  InvalidArgumentError,
  MissingInputError,
  NoLmConfiguredError,
  StateError,
} from '../errors/dspy-error.ts'
import { BaseLM } from '../lm/base-lm.ts'
import { Module, type Parameter } from '../primitives/module.ts'
import { Example } from '../primitives/example.ts'
import { Prediction } from '../primitives/prediction.ts'
import { settings, type TraceStep } from '../settings/settings.ts'
import {
  type SignatureDefinition,
  type SignatureState,
  type Signature,
  ensureSignature,
} from '../signatures/signature.ts'
import { loadLmState } from './load-lm-state.ts'
import { serializeDemo } from './serialize-demo.ts'

/** Options of {@link Predict}: default LM keyword arguments (snake_case, as DSPy's `**config`). */
export interface PredictOptions {
  config?: Record<string, unknown>
  callbacks?: import('../callbacks/callback.ts').Callback[]
}

/** Per-call overrides DSPy accepts as privileged keyword arguments. */
export interface PredictCallOverrides {
  signature?: Signature
  demos?: unknown[]
  config?: Record<string, unknown>
  lm?: BaseLM
}

/**
 * The basic predictor (`dspy.Predict`): formats the signature with the adapter, calls the LM and
 * parses the answer into a Prediction. It is the learnable unit: optimizers set its demos and
 * instructions.
 *
 * @example
 * const predict = new Predict('question -> answer')
 * const prediction = await predict.call({ question: 'What is 2+2?' })
 */
export class Predict extends Module implements Parameter {
  readonly isParameter = true as const
  signature: Signature
  config: Record<string, unknown>
  lm: BaseLM | undefined = undefined
  demos: unknown[] = []
  traces: unknown[] = []
  train: unknown[] = []

  constructor(signature: string | Signature | SignatureDefinition, options: PredictOptions = {}) {
    super()
    this.signature = ensureSignature(signature)
    this.config = { ...options.config }
    if (options.callbacks) this.callbacks = options.callbacks
  }

  reset(): void {
    this.lm = undefined
    this.traces = []
    this.train = []
    this.demos = []
  }

  /** Calls with inputs; `signature`, `demos`, `config` and `lm` keys act as per-call overrides. */
  override call(inputs: Record<string, unknown> & PredictCallOverrides): Promise<Prediction> {
    return super.call(inputs)
  }

  async forward(allInputs: Record<string, unknown> & PredictCallOverrides): Promise<Prediction> {
    const {
      signature: signatureOverride,
      demos: demosOverride,
      config: configOverride,
      lm: lmOverride,
      ...inputs
    } = allInputs
    if ('new_signature' in inputs || 'newSignature' in inputs) {
      throw new InvalidArgumentError({
        message: '`newSignature` is not accepted; pass `signature` instead.',
      })
    }
    const signature = signatureOverride ?? this.signature
    const demos = demosOverride ?? this.demos
    const config: Record<string, unknown> = { ...this.config, ...configOverride }
    const lm = lmOverride ?? this.lm ?? (settings.get('lm') as BaseLM | undefined)
    if (!lm) throw new NoLmConfiguredError()
    if (!(lm instanceof BaseLM)) {
      throw new InvalidArgumentError({
        message: `The LM must be a BaseLM instance, got ${typeof lm}.`,
      })
    }
    const temperature = (config.temperature ?? lm.kwargs.temperature) as number | null | undefined
    const n = (config.n ?? lm.kwargs.n ?? lm.kwargs.num_generations ?? 1) as number
    if ((temperature === null || temperature === undefined || temperature <= 0.15) && n > 1)
      config.temperature = 0.7
    for (const field of signature.inputFields) {
      if (!(field.name in inputs) && field.default !== undefined)
        inputs[field.name] = field.default.value
    }
    const missing = signature.inputFields.filter(
      (field) =>
        !(field.name in inputs) &&
        !(
          field.type.kind === 'union' && field.type.options.some((option) => option.kind === 'none')
        ),
    )
    if (missing.length > 0) {
      throw new MissingInputError({
        missing: missing.map((field) => field.name),
        signature: signature.signature,
      })
    }
    const adapter = (settings.get('adapter') as Adapter | undefined) ?? new ChatAdapter()
    // While a streamified program runs, only the predictors a listener watches stream (DSPy's _should_stream).
    const listeners = settings.get('streamListeners') as { predict?: unknown }[]
    const streams =
      listeners.length === 0 || listeners.some((listener) => listener.predict === this)
    const completions = await settings.context(
      streams ? { callerPredict: this } : { callerPredict: this, sendStream: undefined },
      () => adapter.call({ lm, lmKwargs: config, signature, demos, inputs }),
    )
    const prediction = Prediction.fromCompletions(completions, signature)
    const trace = settings.get('trace')
    const maxTraceSize = settings.get('maxTraceSize')
    if (trace && maxTraceSize > 0) {
      const step: TraceStep = { predictor: this, inputs: { ...inputs }, prediction }
      if (trace.length >= maxTraceSize) trace.shift()
      trace.push(step)
    }
    return prediction
  }

  updateConfig(config: Record<string, unknown>): void {
    Object.assign(this.config, config)
  }

  getConfig(): Record<string, unknown> {
    return this.config
  }

  override dumpState(): Record<string, unknown> {
    return {
      traces: this.traces,
      train: this.train,
      demos: this.demos.map((demo) => serializeDemo(demo, this.signature)),
      signature: this.signature.dumpState(),
      lm: this.lm ? this.lm.dumpState() : null,
    }
  }

  override loadState(
    state: Record<string, unknown>,
    options: { allowUnsafeLmState?: boolean } = {},
  ): this {
    if (!state || typeof state !== 'object')
      throw new StateError({ message: 'A predictor state must be an object.' })
    if ('extended_signature' in state) {
      throw new StateError({
        message: 'Loading states with an `extended_signature` (DSPy <= 2.5) is not supported.',
      })
    }
    if (!state.signature)
      throw new StateError({ message: 'The predictor state has no "signature".' })
    for (const [key, value] of Object.entries(state)) {
      if (key === 'signature' || key === 'lm') continue
      if (key === 'demos') this.demos = (value as unknown[]) ?? []
      else if (key === 'traces') this.traces = (value as unknown[]) ?? []
      else if (key === 'train') this.train = (value as unknown[]) ?? []
    }
    this.signature = this.signature.loadState(state.signature as SignatureState)
    this.lm = state.lm ? loadLmState(state.lm as Record<string, unknown>, options) : undefined
    return this
  }

  override toString(): string {
    return `Predict(${this.signature.toString()})`
  }
}

export { Example }
