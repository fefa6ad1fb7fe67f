import { AsyncLocalStorage } from 'node:async_hooks'
import { randomUUID } from 'node:crypto'
import { settings } from '../settings/settings.ts'
import type { Callback, CallbackKind, TrialEvent } from './callback.ts'

const activeCallId = new AsyncLocalStorage<string | undefined>()

/** The id of the call whose body is running now (a start handler sees its parent's id). */
export function getActiveCallId(): string | undefined {
  return activeCallId.getStore()
}

const handlerNames: Record<CallbackKind, [keyof Callback, keyof Callback]> = {
  module: ['onModuleStart', 'onModuleEnd'],
  lm: ['onLmStart', 'onLmEnd'],
  adapterFormat: ['onAdapterFormatStart', 'onAdapterFormatEnd'],
  adapterParse: ['onAdapterParseStart', 'onAdapterParseEnd'],
  tool: ['onToolStart', 'onToolEnd'],
  evaluate: ['onEvaluateStart', 'onEvaluateEnd'],
  compile: ['onCompileStart', 'onCompileEnd'],
}

let callIdGenerator: () => string = () => randomUUID().replaceAll('-', '')

/** Replaces the call-id generator (for deterministic tests); returns the previous one. */
export function setCallIdGenerator(generator: () => string): () => string {
  const previous = callIdGenerator
  callIdGenerator = generator
  return previous
}

function safely(callback: Callback, name: keyof Callback, event: unknown): void {
  try {
    ;(callback[name] as ((event: unknown) => void) | undefined)?.call(callback, event)
  } catch (error) {
    console.warn(
      `Error when calling callback ${String(name)}: ${(error as Error)?.message ?? error}`,
    )
  }
}

/**
 * Runs `fn` as one observed call: start handlers first (with the parent call active), then the
 * body with this call active, then end handlers with the outputs or the exception. Works for
 * synchronous and asynchronous bodies.
 */
export function runWithCallbacks<T>(options: {
  kind: CallbackKind
  instance: unknown
  inputs: Record<string, unknown>
  instanceCallbacks?: Callback[]
  fn: () => T
}): T {
  const callbacks = [...settings.get('callbacks'), ...(options.instanceCallbacks ?? [])]
  if (callbacks.length === 0) return options.fn()
  const [startName, endName] = handlerNames[options.kind]
  const callId = callIdGenerator()
  for (const callback of callbacks) {
    safely(callback, startName, { callId, instance: options.instance, inputs: options.inputs })
  }
  const finish = (outputs: unknown, exception: unknown) => {
    for (const callback of callbacks) {
      safely(callback, endName, { callId, instance: options.instance, outputs, exception })
    }
  }
  let result: T
  try {
    result = activeCallId.run(callId, options.fn)
  } catch (error) {
    finish(undefined, error)
    throw error
  }
  if (result instanceof Promise) {
    return result.then(
      (value) => {
        finish(value, undefined)
        return value
      },
      (error: unknown) => {
        finish(undefined, error)
        throw error
      },
    ) as T
  }
  finish(result, undefined)
  return result
}

/** Sends a trial event to every active callback (settings plus the optimizer's own). */
export function emitTrialEvent(event: TrialEvent, instanceCallbacks: Callback[] = []): void {
  for (const callback of [...settings.get('callbacks'), ...instanceCallbacks]) {
    safely(callback, 'onTrialEnd', event)
  }
}
