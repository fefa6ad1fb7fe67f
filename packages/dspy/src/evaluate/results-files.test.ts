import { describe, expect, it } from 'vitest'
import { resultsCsv, resultsJson } from './results-files.ts'

describe('resultsCsv', () => {
  it("writes Python's csv.DictWriter output", () => {
    expect(
      resultsCsv([
        { question: 'a, "b"', tags: ['x', 'y'], score: 0.5, ok: true, none: null },
        { question: 'line\nbreak', score: 1 },
      ]),
    ).toBe(
      'question,tags,score,ok,none\r\n"a, ""b""","[\'x\', \'y\']",0.5,True,\r\n"line\nbreak",,1,,\r\n',
    )
  })

  it('refuses rows with fields the header lacks', () => {
    expect(() => resultsCsv([{ a: 1 }, { a: 2, b: 3 }])).toThrow('fields not in the header (b)')
  })
})

describe('resultsJson', () => {
  it("writes json.dump's separators and ASCII escapes", () => {
    expect(resultsJson([{ question: 'café', score: 0.5, ok: true }])).toBe(
      '[{"question": "caf\\u00e9", "score": 0.5, "ok": true}]',
    )
  })
})
