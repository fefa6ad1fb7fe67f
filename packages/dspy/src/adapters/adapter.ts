import type { Callback } from '../callbacks/callback.ts'
import { runWithCallbacks } from '../callbacks/with-callbacks.ts'
import { AdapterParseError } from '../errors/adapter-parse-error.ts'
import type { BaseLM } from '../lm/base-lm.ts'
import type { ChatMessage, LmOutput } from '../lm/lm-types.ts'
import { allowsNone } from '../signatures/field-type.ts'
import type { Signature } from '../signatures/signature.ts'

/** A demo or input record: a plain object, or anything with `toDict()` (Example, Prediction). */
export type Record_ = Record<string, unknown>

/** Arguments of one adapter call: the LM, its per-call arguments, the signature, demos and inputs. */
export interface AdapterCallArguments {
  lm: BaseLM
  lmKwargs: Record<string, unknown>
  signature: Signature
  demos: readonly unknown[]
  inputs: Record<string, unknown>
}

/** Options shared by adapters. */
export interface AdapterOptions {
  callbacks?: Callback[]
  useNativeFunctionCalling?: boolean
}

/** Reads a demo as a record (Example and Prediction expose `toDict()`). */
export function demoRecord(demo: unknown): Record<string, unknown> {
  if (
    demo &&
    typeof demo === 'object' &&
    typeof (demo as { toDict?: unknown }).toDict === 'function'
  ) {
    return (demo as { toDict(): Record<string, unknown> }).toDict()
  }
  return (demo ?? {}) as Record<string, unknown>
}

/** DSPy's `apply_output_field_defaults`: fills missing optional outputs with their default or None. */
export function applyOutputFieldDefaults(
  signature: Signature,
  fields: Record<string, unknown>,
): Record<string, unknown> {
  const completed: Record<string, unknown> = {}
  for (const field of signature.outputFields) {
    if (field.name in fields) completed[field.name] = fields[field.name]
    else if (field.default !== undefined)
      completed[field.name] = structuredClone(field.default.value)
    else if (allowsNone(field.type)) completed[field.name] = null
  }
  return completed
}

/**
 * The adapter pipeline of DSPy: format the signature, demos and inputs into chat messages, call
 * the LM, parse every completion back into output fields. `format` and `parse` run the adapter
 * callbacks. Subclasses supply the wording.
 */
export abstract class Adapter {
  readonly callbacks: Callback[]
  readonly useNativeFunctionCalling: boolean

  constructor(options: AdapterOptions = {}) {
    this.callbacks = options.callbacks ?? []
    this.useNativeFunctionCalling = options.useNativeFunctionCalling ?? false
  }

  /** The adapter's name in error messages (`ChatAdapter`). */
  get name(): string {
    return this.constructor.name
  }

  /** Formats the messages of one call (callback-observed). */
  format(
    signature: Signature,
    demos: readonly unknown[],
    inputs: Record<string, unknown>,
  ): ChatMessage[] {
    return runWithCallbacks({
      kind: 'adapterFormat',
      instance: this,
      inputs: { signature, demos, inputs },
      instanceCallbacks: this.callbacks,
      fn: () => this.formatMessages(signature, demos, inputs),
    })
  }

  /** Parses one completion into output fields (callback-observed). */
  parse(signature: Signature, completion: string): Record<string, unknown> {
    return runWithCallbacks({
      kind: 'adapterParse',
      instance: this,
      inputs: { signature, completion },
      instanceCallbacks: this.callbacks,
      fn: () => this.parseCompletion(signature, completion),
    })
  }

  protected abstract formatMessages(
    signature: Signature,
    demos: readonly unknown[],
    inputs: Record<string, unknown>,
  ): ChatMessage[]

  protected abstract parseCompletion(
    signature: Signature,
    completion: string,
  ): Record<string, unknown>

  /** Formats, calls the LM and parses every choice. */
  async call(args: AdapterCallArguments): Promise<Record<string, unknown>[]> {
    const lmKwargs = { ...args.lmKwargs }
    if (!this.useNativeFunctionCalling) {
      for (const key of ['tools', 'tool_choice', 'parallel_tool_calls']) delete lmKwargs[key]
    }
    const messages = this.format(args.signature, args.demos, args.inputs)
    const outputs = await this.callLm(args.lm, messages, lmKwargs, args.signature)
    return this.postprocess(args.signature, outputs)
  }

  protected callLm(
    lm: BaseLM,
    messages: ChatMessage[],
    lmKwargs: Record<string, unknown>,
    _signature: Signature,
  ): Promise<LmOutput[]> {
    return lm.call({ messages, kwargs: lmKwargs })
  }

  protected postprocess(signature: Signature, outputs: LmOutput[]): Record<string, unknown>[] {
    return outputs.map((output) => {
      const text = typeof output === 'string' ? output : output.text
      if (!text) {
        throw new AdapterParseError({
          adapterName: this.name,
          outputFieldNames: signature.outputFields.map((field) => field.name),
          lmResponse: typeof output === 'string' ? output : JSON.stringify(output),
          message: 'The LM returned an empty or null response.',
        })
      }
      const value = applyOutputFieldDefaults(signature, this.parse(signature, text))
      for (const field of signature.outputFields)
        if (!(field.name in value)) value[field.name] = null
      if (typeof output !== 'string' && output.logprobs) value.logprobs = output.logprobs
      return value
    })
  }
}
