import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { pythonRepr } from '../python/py-repr.ts'
import type { Signature } from '../signatures/signature.ts'
import { Example } from './example.ts'

/** All choices of a call: field name → one value per completion. */
export class Completions {
  readonly fields: Record<string, unknown[]>
  readonly signature: Signature | undefined

  constructor(items: Record<string, unknown>[], signature?: Signature) {
    const keys = items.length > 0 ? Object.keys(items[0]!) : []
    this.fields = Object.fromEntries(keys.map((key) => [key, items.map((item) => item[key])]))
    this.signature = signature
  }

  get length(): number {
    const first = Object.values(this.fields)[0]
    return first ? first.length : 0
  }

  /** The completion at `index` as a Prediction. */
  at(index: number): Prediction {
    if (index < 0 || index >= this.length) {
      throw new InvalidArgumentError({
        message: `Completion index ${index} is out of range (${this.length}).`,
      })
    }
    return new Prediction(
      Object.fromEntries(Object.entries(this.fields).map(([key, values]) => [key, values[index]])),
    )
  }

  /** Every value of one field. */
  get(field: string): unknown[] | undefined {
    return this.fields[field]
  }
}

/**
 * The result of a module call, DSPy's `dspy.Prediction`: the first completion's fields, all
 * completions, and the LM usage when usage tracking is on.
 */
export class Prediction extends Example {
  protected completionsStore: Completions | undefined
  protected lmUsage: Record<string, unknown> | undefined

  static fromCompletions(items: Record<string, unknown>[], signature?: Signature): Prediction {
    const prediction = new Prediction(items[0] ?? {})
    prediction.completionsStore = new Completions(items, signature)
    return prediction
  }

  get completions(): Completions {
    return this.completionsStore ?? new Completions([this.toDict()])
  }

  getLmUsage(): Record<string, unknown> | undefined {
    return this.lmUsage
  }

  setLmUsage(usage: Record<string, unknown> | undefined): void {
    this.lmUsage = usage
  }

  /** The numeric value of a `score` field (metrics may return Predictions). */
  override valueOf(): number {
    const score = this.get('score')
    if (typeof score !== 'number') {
      throw new InvalidArgumentError({
        message: 'Prediction has no numeric `score` field to use as a number.',
      })
    }
    return score
  }

  override toString(): string {
    const lines = this.items().map(([key, value]) => `    ${key}=${pythonRepr(value)}`)
    return `Prediction(\n${lines.join(',\n')}\n)`
  }
}
