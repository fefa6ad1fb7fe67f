import type { Callback } from '../callbacks/callback.ts'
import { runWithCallbacks } from '../callbacks/with-callbacks.ts'
import { InvalidArgumentError, StateError } from '../errors/dspy-error.ts'
import type { BaseLM } from '../lm/base-lm.ts'
import type { LmHistoryEntry } from '../lm/lm-types.ts'
import { UsageTracker } from '../lm/usage-tracker.ts'
import { settings } from '../settings/settings.ts'
import {
  type LoadStateOptions,
  type SaveStateOptions,
  loadState,
  saveState,
} from '../state/state-file.ts'
import type { Prediction } from './prediction.ts'

/** A learnable piece of a program (DSPy's `Parameter`): Predict is the one built in. */
export interface Parameter {
  readonly isParameter: true
  dumpState(): Record<string, unknown>
  loadState(state: Record<string, unknown>, options?: { allowUnsafeLmState?: boolean }): void
  reset(): void
}

export function isParameter(value: unknown): value is Parameter & Module {
  return value instanceof Module && (value as unknown as Parameter).isParameter === true
}

const skippedAttributes = new Set(['callbacks', 'history', 'compiled', 'lm'])

/**
 * The base of every DSPy program (`dspy.Module`). Subclasses implement `forward(inputs)`; callers
 * use `call(inputs)`, which runs callbacks, records LM history on the module and tracks usage.
 *
 * @example
 * class QA extends Module {
 *   generate = new ChainOfThought('question -> answer')
 *   forward(inputs: { question: string }) { return this.generate.call(inputs) }
 * }
 */
export abstract class Module {
  callbacks: Callback[] = []
  history: LmHistoryEntry[] = []
  /** DSPy's `_compiled`: set by optimizers; compiled sub-modules are not walked for parameters. */
  compiled = false

  abstract forward(inputs: Record<string, unknown>): Promise<Prediction>

  /** Calls the program with keyword inputs (DSPy's `module(**kwargs)` / `acall`). */
  call(inputs: Record<string, unknown>): Promise<Prediction> {
    if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) {
      throw new InvalidArgumentError({
        message:
          'Modules are called with one object of named inputs, e.g. `program.call({ question })`.',
      })
    }
    return runWithCallbacks({
      kind: 'module',
      instance: this,
      inputs: { args: [], kwargs: inputs },
      instanceCallbacks: this.callbacks,
      fn: () => this.callWithUsage(inputs),
    })
  }

  /** An alias of `call`, as DSPy's `acall`. */
  acall(inputs: Record<string, unknown>): Promise<Prediction> {
    return this.call(inputs)
  }

  private async callWithUsage(inputs: Record<string, unknown>): Promise<Prediction> {
    const callerModules = [...settings.get('callerModules'), this]
    if (settings.get('trackUsage') && !settings.get('usageTracker')) {
      const tracker = new UsageTracker()
      const prediction = await settings.context({ callerModules, usageTracker: tracker }, () =>
        this.forward(inputs),
      )
      prediction.setLmUsage(tracker.getTotalTokens())
      return prediction
    }
    return settings.context({ callerModules }, () => this.forward(inputs))
  }

  /** `(name, parameter)` pairs in attribute order: `predict`, `gen.predict`, `subs[0]`, `named['k']`. */
  namedParameters(): [string, Parameter & Module][] {
    const seen = new Set<unknown>()
    const result: [string, Parameter & Module][] = []
    const add = (name: string, value: unknown) => {
      if (isParameter(value)) {
        if (!seen.has(value)) {
          seen.add(value)
          result.push([name, value])
        }
      } else if (value instanceof Module && !value.compiled) {
        for (const [subName, parameter] of value.namedParameters())
          add(`${name}.${subName}`, parameter)
      }
    }
    if (isParameter(this)) add('self', this)
    for (const [name, value] of Object.entries(this)) {
      if (skippedAttributes.has(name)) continue
      if (value instanceof Module) add(name, value)
      else if (Array.isArray(value)) {
        for (const [index, item] of value.entries()) add(`${name}[${index}]`, item)
      } else if (value instanceof Map)
        for (const [key, item] of value) add(`${name}['${key}']`, item)
      else if (value && typeof value === 'object' && value.constructor === Object) {
        for (const [key, item] of Object.entries(value)) add(`${name}['${key}']`, item)
      }
    }
    return result
  }

  parameters(): (Parameter & Module)[] {
    return this.namedParameters().map(([, parameter]) => parameter)
  }

  /** The predictors (Predict instances) with their names. */
  namedPredictors(): [string, Parameter & Module][] {
    return this.namedParameters()
  }

  predictors(): (Parameter & Module)[] {
    return this.parameters()
  }

  /** Sub-modules breadth first, named `self.a.b`, `self.l[0]`. */
  namedSubModules(): [string, Module][] {
    const result: [string, Module][] = []
    const seen = new Set<Module>()
    const queue: [string, Module][] = [['self', this]]
    while (queue.length > 0) {
      const [name, module] = queue.shift()!
      if (seen.has(module)) continue
      seen.add(module)
      result.push([name, module])
      for (const [key, value] of Object.entries(module)) {
        if (skippedAttributes.has(key)) continue
        if (value instanceof Module) queue.push([`${name}.${key}`, value])
        else if (Array.isArray(value)) {
          for (const [index, item] of value.entries()) {
            if (item instanceof Module) queue.push([`${name}.${key}[${index}]`, item])
          }
        }
      }
    }
    return result
  }

  /** A deep copy: sub-modules copied, LMs shared. */
  deepcopy(): this {
    return cloneModule(this, new Map()) as this
  }

  /** A deep copy whose parameters are reset (no demos, no LM). */
  resetCopy(): this {
    const copy = this.deepcopy()
    for (const parameter of copy.parameters()) parameter.reset()
    return copy
  }

  /** Sets the LM of every predictor. */
  setLm(lm: BaseLM): void {
    for (const parameter of this.parameters()) (parameter as unknown as { lm: BaseLM }).lm = lm
  }

  /** The one LM every predictor uses, or undefined; throws when they differ. */
  getLm(): BaseLM | undefined {
    const lms = new Set(
      this.parameters().map((parameter) => (parameter as unknown as { lm?: BaseLM }).lm),
    )
    if (lms.size > 1) {
      throw new InvalidArgumentError({
        message: "Multiple LMs are being used in the module. There's no unique LM to return.",
      })
    }
    return [...lms][0]
  }

  dumpState(): Record<string, unknown> {
    return Object.fromEntries(
      this.namedParameters().map(([name, parameter]) => [name, parameter.dumpState()]),
    )
  }

  /** Saves the state as DSPy's `save("program.json")`, loadable by Python DSPy. */
  save(path: string, options: SaveStateOptions = {}): Promise<void> {
    return saveState(this, path, options)
  }

  /** Loads a state file saved by DSPy (Python) or by `save`. */
  async load(path: string, options: LoadStateOptions = {}): Promise<this> {
    await loadState(this, path, options)
    return this
  }

  /** Loads every predictor's state; checks all names first so a bad file changes nothing. */
  loadState(state: Record<string, unknown>, options: { allowUnsafeLmState?: boolean } = {}): this {
    const parameters = this.namedParameters()
    for (const [name] of parameters) {
      if (!(name in state))
        throw new StateError({
          message: `The saved state has no entry for the predictor '${name}'.`,
        })
    }
    const trial = this.deepcopy()
    for (const [name, parameter] of trial.namedParameters()) {
      parameter.loadState(state[name] as Record<string, unknown>, options)
    }
    for (const [name, parameter] of parameters)
      parameter.loadState(state[name] as Record<string, unknown>, options)
    return this
  }
}

function cloneModule(value: unknown, seen: Map<unknown, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value
  if (seen.has(value)) return seen.get(value)
  if (Array.isArray(value)) {
    const copy: unknown[] = []
    seen.set(value, copy)
    for (const item of value) copy.push(cloneModule(item, seen))
    return copy
  }
  const isModule = value instanceof Module
  const isPlain = value.constructor === Object
  if (!isModule && !isPlain) return value
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>
  seen.set(value, copy)
  for (const [key, entry] of Object.entries(value)) {
    copy[key] = key === 'lm' || key === 'callbacks' ? entry : cloneModule(entry, seen)
  }
  return copy
}
