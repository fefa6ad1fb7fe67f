import { describe, expect, it } from 'vitest'
import { PythonIntSet } from './python-int-set.ts'

// Expected orders printed by CPython 3.11 (`list(s)`) for the same operations.
describe('PythonIntSet', () => {
  it('iterates in CPython table order, not insertion order', () => {
    expect([...new PythonIntSet([9, 2])]).toEqual([9, 2])
    expect([...new PythonIntSet([2, 0])]).toEqual([0, 2])
    expect([...new PythonIntSet([8, 16, 0])]).toEqual([8, 16, 0])
  })

  it('grows like CPython (resize after the fifth element of an 8-slot table)', () => {
    const set = new PythonIntSet([40, 3, 17, 9, 33, 1])
    expect([...set]).toEqual([33, 1, 3, 40, 9, 17])
    expect(set.size).toBe(6)
    expect(set.has(33)).toBe(true)
    expect(set.has(2)).toBe(false)
  })

  it('copies, intersects and filters like set(s), s & t and comprehensions', () => {
    const source = new PythonIntSet([12, 4, 20, 28, 36])
    expect([...source]).toEqual([4, 36, 12, 20, 28])
    expect([...new PythonIntSet(source)]).toEqual([4, 36, 20, 12, 28])
    const other = new PythonIntSet([20, 4, 99])
    expect([...source.intersection(other)]).toEqual([20, 4])
    expect([...source.filter((value) => value > 10)]).toEqual([20, 28, 36, 12])
  })

  it('ignores duplicates and rejects values that are not small ints', () => {
    expect([...new PythonIntSet([3, 3, 3])]).toEqual([3])
    expect(() => new PythonIntSet([-1])).toThrow('Not a non-negative integer')
  })
})
