import { describe, expect, it } from 'vitest'
import { Example } from '../primitives/example.ts'
import { Prediction } from '../primitives/prediction.ts'
import type { EvaluationRow } from './evaluation-result.ts'
import {
  formatMetricCell,
  formatResultsTable,
  metricNameOf,
  resultRecords,
  truncateCell,
} from './results-table.ts'

const rows: EvaluationRow[] = [
  [new Example({ question: 'q1', answer: 'a' }), new Prediction({ answer: 'a', note: 'x' }), true],
  [new Example({ question: 'q2', answer: 'b' }), new Prediction({}), 0.5],
]

describe('resultRecords', () => {
  it('merges example and prediction fields with prefixes on clashes, then the score', () => {
    expect(resultRecords(rows, 'exact')).toEqual([
      { question: 'q1', example_answer: 'a', pred_answer: 'a', note: 'x', exact: true },
      { question: 'q2', answer: 'b', exact: 0.5 },
    ])
  })
})

describe('cells', () => {
  it('truncates to 25 words and formats the metric as DSPy', () => {
    const long = Array.from({ length: 30 }, (_, index) => `w${index}`).join(' ')
    expect(truncateCell(long)).toBe(`${long.split(' ').slice(0, 25).join(' ')}...`)
    expect(truncateCell('short text')).toBe('short text')
    expect(truncateCell(3)).toBe(3)
    expect(formatMetricCell(0.5)).toBe('✔️ [0.500]')
    expect(formatMetricCell(true)).toBe('✔️ [True]')
    expect(formatMetricCell(1)).toBe('✔️ [1]')
    expect(formatMetricCell(null)).toBe('')
  })

  it('names the metric column after the function', () => {
    function exactMatch() {}
    expect(metricNameOf(exactMatch)).toBe('exactMatch')
    expect(metricNameOf(() => 0)).toBe('<lambda>')
  })
})

describe('formatResultsTable', () => {
  it('prints an index column, every field, NaN for missing ones and the row limit note', () => {
    const records = resultRecords(rows, 'exact')
    expect(formatResultsTable(records, { metricName: 'exact', limit: true })).toBe(
      [
        '   question  example_answer  pred_answer  note  exact       answer',
        '0  q1        a               a            x     ✔️ [True]   NaN',
        '1  q2        NaN             NaN          NaN   ✔️ [0.500]  b',
      ].join('\n'),
    )
    const limited = formatResultsTable(records, { metricName: 'exact', limit: 1 })
    expect(limited.split('\n')).toHaveLength(3)
    expect(limited.endsWith('... 1 more rows not displayed ...')).toBe(true)
  })
})
