import { describe, expect, it } from 'vitest'
import { StoreError } from '../store-error.ts'
import {
  isPathAmbiguous,
  pythonNormpath,
  validateKeyName,
  validateLength,
} from './validate-name.ts'

// Expected values printed by CPython's posixpath.normpath.
const normpathCases: [string, string][] = [
  ['', '.'],
  ['.', '.'],
  ['..', '..'],
  ['a', 'a'],
  ['a/', 'a'],
  ['a//b', 'a/b'],
  ['//a', '//a'],
  ['///a', '/a'],
  ['/a/../b', '/b'],
  ['a/../..', '..'],
  ['../a', '../a'],
  ['a/./b', 'a/b'],
  ['./a', 'a'],
  ['a/b/..', 'a'],
  ['..a', '..a'],
  ['.hidden', '.hidden'],
  ['/', '/'],
  ['//', '//'],
  ['a/../../b', '../b'],
  ['////a//b/', '/a/b'],
]

describe('pythonNormpath', () => {
  for (const [path, expected] of normpathCases) {
    it(`normalises ${JSON.stringify(path)} like posixpath`, () => {
      expect(pythonNormpath(path)).toBe(expected)
    })
  }
})

describe('key names', () => {
  it('flags names that resolve to other names', () => {
    expect(['a', 'a/b', 'a..b', '.hidden'].map(isPathAmbiguous)).toEqual([
      false,
      false,
      false,
      false,
    ])
    expect(['', '.', 'a/', '/a', '..a', 'a//b'].map(isPathAmbiguous)).toEqual(Array(6).fill(true))
  })

  it('quotes the offending name with non-ASCII escaped, as json.dumps does', () => {
    try {
      validateKeyName({ name: 'é$', path: 'key' })
      expect.unreachable()
    } catch (error) {
      expect(StoreError.isInstance(error) && error.message).toMatch(
        /^Invalid value "\\u00e9\$" for parameter 'key' supplied: Names may only contain/,
      )
    }
  })

  it('counts code points, not UTF-16 units, for length limits', () => {
    const emoji = '😀'.repeat(3)
    expect(validateLength({ what: 'x', limit: 3, value: emoji })).toBe(emoji)
    expect(validateLength({ what: 'x', limit: 2, value: emoji, truncate: true })).toBe('😀😀')
  })
})
