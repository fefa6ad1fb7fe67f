import { InvalidArgumentError } from '../../errors/dspy-error.ts'

/** A value a categorical parameter may take (Optuna's `CategoricalChoiceType`). */
export type CategoricalChoice = string | number | boolean | null

/**
 * The choices of one categorical parameter (Optuna's `CategoricalDistribution`). Internally a
 * value is its index in `choices`.
 *
 * @example
 * const demos = new CategoricalDistribution([0, 1, 2, 3, 4, 5])
 * demos.toInternalRepr(3) // 3
 */
export class CategoricalDistribution<T extends CategoricalChoice = CategoricalChoice> {
  readonly choices: readonly T[]

  constructor(choices: Iterable<T>) {
    this.choices = [...choices]
    if (this.choices.length === 0) {
      throw new InvalidArgumentError({
        message: 'The `choices` must contain one or more elements.',
      })
    }
  }

  /** The index of `value` in the choices. */
  toInternalRepr(value: T): number {
    const index = this.choices.indexOf(value)
    if (index < 0) {
      throw new InvalidArgumentError({
        message: `'${String(value)}' not in (${this.choices.map(String).join(', ')}).`,
      })
    }
    return index
  }

  /** The choice at `index`. */
  toExternalRepr(index: number): T {
    const value = this.choices[index]
    if (value === undefined && !(index in this.choices)) {
      throw new InvalidArgumentError({ message: `No choice at index ${index}.` })
    }
    return value as T
  }

  /** Whether there is only one choice (such a parameter is never sampled). */
  single(): boolean {
    return this.choices.length === 1
  }

  /** Same choices in the same order. */
  equals(other: CategoricalDistribution): boolean {
    return (
      this.choices.length === other.choices.length &&
      this.choices.every((choice, index) => Object.is(choice, other.choices[index]))
    )
  }

  toString(): string {
    return `CategoricalDistribution(choices=(${this.choices.map(String).join(', ')}))`
  }
}
