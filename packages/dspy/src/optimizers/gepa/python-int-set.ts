import { InvalidArgumentError } from '../../errors/dspy-error.ts'

const minSize = 8
const linearProbes = 9
const perturbShift = 5

/**
 * A set of non-negative integers that iterates in CPython's order (`set` of small `int`s, whose
 * hash is the value). gepa iterates such sets (Pareto fronts, ancestors, candidate pools) before
 * drawing random numbers, so reproducing CPython's table layout keeps seeded runs identical to
 * Python's.
 *
 * @example
 * const front = new PythonIntSet([9, 2])
 * ;[...front] // [9, 2]: 9 lands in slot 1 of an 8-slot table, 2 in slot 2
 */
export class PythonIntSet implements Iterable<number> {
  private table: (number | undefined)[] = new Array(minSize).fill(undefined)
  private used = 0

  constructor(values: Iterable<number> = []) {
    if (values instanceof PythonIntSet) this.merge(values)
    else for (const value of values) this.add(value)
  }

  get size(): number {
    return this.used
  }

  private get mask(): number {
    return this.table.length - 1
  }

  has(value: number): boolean {
    return this.table.includes(value)
  }

  /** CPython's `set_add_entry`: linear probing, then perturbed jumps; grows at 60% fill. */
  add(value: number): this {
    if (!Number.isInteger(value) || value < 0)
      throw new InvalidArgumentError({ message: `Not a non-negative integer: ${value}` })
    if (this.has(value)) return this
    insertClean(this.table, value)
    this.used += 1
    if (this.used * 5 >= this.mask * 3)
      this.resize(this.used > 50000 ? this.used * 2 : this.used * 4)
    return this
  }

  private resize(minUsed: number): void {
    let newSize = minSize
    while (newSize <= minUsed) newSize *= 2
    const old = this.table
    this.table = new Array(newSize).fill(undefined)
    for (const value of old) if (value !== undefined) insertClean(this.table, value)
  }

  /** CPython's `set_merge` into an empty set (what `set(other_set)` does). */
  private merge(other: PythonIntSet): void {
    if (other.used === 0) return
    if (other.used * 5 >= this.mask * 3) this.resize(other.used * 2)
    if (this.table.length === other.table.length) this.table = [...other.table]
    else for (const value of other) insertClean(this.table, value)
    this.used = other.used
  }

  /** `a & b`: iterates the smaller set (the right one on ties) and adds the shared values. */
  intersection(other: PythonIntSet): PythonIntSet {
    const [large, small] = other.used > this.used ? [other, this] : [this, other]
    const result = new PythonIntSet()
    for (const value of small) if (large.has(value)) result.add(value)
    return result
  }

  /** `{x for x in self if keep(x)}`. */
  filter(keep: (value: number) => boolean): PythonIntSet {
    const result = new PythonIntSet()
    for (const value of this) if (keep(value)) result.add(value)
    return result
  }

  *[Symbol.iterator](): Iterator<number> {
    for (const value of this.table) if (value !== undefined) yield value
  }
}

function insertClean(table: (number | undefined)[], value: number): void {
  const mask = table.length - 1
  let perturb = value
  let index = value & mask
  for (;;) {
    if (table[index] === undefined) {
      table[index] = value
      return
    }
    if (index + linearProbes <= mask) {
      for (let step = 1; step <= linearProbes; step += 1) {
        if (table[index + step] === undefined) {
          table[index + step] = value
          return
        }
      }
    }
    perturb = Math.floor(perturb / 2 ** perturbShift)
    index = (index * 5 + 1 + perturb) & mask
  }
}
