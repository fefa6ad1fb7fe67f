import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { pythonRepr } from '../python/py-repr.ts'

const internalKeys = new Set(['store', 'inputKeys', 'demos'])

function toPlain(value: unknown): unknown {
  if (value && typeof value === 'object') {
    const withDict = value as { toDict?: () => unknown }
    if (typeof withDict.toDict === 'function') return withDict.toDict()
    if (Array.isArray(value)) return value.map(toPlain)
    if (value.constructor === Object) {
      return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, toPlain(entry)]))
    }
  }
  return value
}

/**
 * A record of named values, DSPy's `dspy.Example`: read fields as properties
 * (`example.question`) or with `get`; mark the inputs with `withInputs`.
 *
 * @example
 * const example = new Example({ question: '2+2?', answer: '4' }).withInputs('question')
 * example.inputs().toDict() // { question: '2+2?' }
 */
export class Example {
  [field: string]: unknown
  protected store: Record<string, unknown>
  protected inputKeys: Set<string> | undefined

  constructor(base?: Record<string, unknown> | Example, fields: Record<string, unknown> = {}) {
    this.store = {}
    this.inputKeys = undefined
    const source = base instanceof Example ? base.toDict() : (base ?? {})
    Object.assign(this.store, source, fields)
    // biome-ignore lint/correctness/noConstructorReturn: a Proxy gives DSPy's attribute access to fields.
    return new Proxy(this, {
      get(target, property, receiver) {
        if (typeof property === 'symbol' || property in target || internalKeys.has(property)) {
          return Reflect.get(target, property, receiver)
        }
        return target.store[property]
      },
      set(target, property, value) {
        if (typeof property === 'symbol' || internalKeys.has(property) || property in target) {
          return Reflect.set(target, property, value)
        }
        target.store[property] = value
        return true
      },
      has(target, property) {
        return typeof property === 'string' && property in target.store
          ? true
          : Reflect.has(target, property)
      },
      deleteProperty(target, property) {
        if (typeof property === 'string') delete target.store[property]
        return true
      },
    })
  }

  get(key: string, fallback?: unknown): unknown {
    return key in this.store ? this.store[key] : fallback
  }

  set(key: string, value: unknown): void {
    this.store[key] = value
  }

  has(key: string): boolean {
    return key in this.store
  }

  /** Field names, without the `dspy_` ones unless asked. */
  keys(includeDspy = false): string[] {
    return Object.keys(this.store).filter((key) => includeDspy || !key.startsWith('dspy_'))
  }

  values(includeDspy = false): unknown[] {
    return this.keys(includeDspy).map((key) => this.store[key])
  }

  items(includeDspy = false): [string, unknown][] {
    return this.keys(includeDspy).map((key) => [key, this.store[key]])
  }

  get length(): number {
    return this.keys().length
  }

  /** The names marked as inputs, if any. */
  get inputFieldNames(): string[] | undefined {
    return this.inputKeys ? [...this.inputKeys] : undefined
  }

  protected makeCopy(store: Record<string, unknown>, inputKeys: Set<string> | undefined): this {
    const copy = new (this.constructor as new (base?: Record<string, unknown>) => this)(store)
    ;(copy as unknown as { inputKeys: Set<string> | undefined }).inputKeys = inputKeys
    return copy
  }

  copy(overrides: Record<string, unknown> = {}): this {
    return this.makeCopy({ ...this.store, ...overrides }, this.inputKeys)
  }

  without(...keys: string[]): this {
    const store = { ...this.store }
    for (const key of keys) delete store[key]
    return this.makeCopy(store, this.inputKeys)
  }

  withInputs(...keys: string[]): this {
    return this.makeCopy({ ...this.store }, new Set(keys))
  }

  /** A new Example with only the input fields. */
  inputs(): Example {
    if (!this.inputKeys) {
      throw new InvalidArgumentError({
        message:
          'Inputs have not been set for this example. Use `example.withInputs()` to set them.',
      })
    }
    const store = Object.fromEntries(
      Object.entries(this.store).filter(([key]) => this.inputKeys!.has(key)),
    )
    const result = new Example(store)
    ;(result as unknown as { inputKeys: Set<string> }).inputKeys = new Set(this.inputKeys)
    return result
  }

  /** A new Example with every field that is not an input. */
  labels(): Example {
    const inputKeys = this.inputKeys ?? new Set<string>()
    return new Example(
      Object.fromEntries(Object.entries(this.store).filter(([key]) => !inputKeys.has(key))),
    )
  }

  /** A plain record of every field (including `dspy_` ones), nested values converted too. */
  toDict(): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(this.store).map(([key, value]) => [key, toPlain(value)]),
    )
  }

  equals(other: Example): boolean {
    return JSON.stringify(this.store) === JSON.stringify(other.store)
  }

  toString(): string {
    const visible = Object.fromEntries(this.items())
    const inputs = this.inputKeys ? pythonRepr(new Set(this.inputKeys)) : 'None'
    return `Example(${pythonRepr(visible)}) (input_keys=${inputs})`
  }
}
