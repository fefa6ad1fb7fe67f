import { pythonStr } from '../python/py-repr.ts'
import type { EvaluationRow } from './evaluation-result.ts'

/** One row of the results table or of the saved files: example and prediction fields, then the score. */
export type ResultRecord = Record<string, unknown>

function asRecord(value: unknown): Record<string, unknown> {
  const withDict = value as { toDict?: () => Record<string, unknown> }
  return typeof withDict?.toDict === 'function' ? withDict.toDict() : { ...(value as object) }
}

/**
 * DSPy's `_prepare_results_output`: the example's and the prediction's fields merged (clashing
 * names become `example_<name>` and `pred_<name>`), then `{ [metricName]: score }`.
 *
 * @example
 * resultRecords([[example, prediction, true]], 'exact') // [{ question, example_answer, pred_answer, exact: true }]
 */
export function resultRecords(results: EvaluationRow[], metricName: string): ResultRecord[] {
  return results.map(([example, prediction, score]) => {
    const left = asRecord(example)
    const dictLike =
      prediction !== null && typeof prediction === 'object' && !Array.isArray(prediction)
    if (!dictLike) return { ...left, prediction, [metricName]: score }
    const right = asRecord(prediction)
    const merged: ResultRecord = {}
    for (const [key, value] of Object.entries(left))
      merged[key in right ? `example_${key}` : key] = value
    for (const [key, value] of Object.entries(right))
      merged[key in left ? `pred_${key}` : key] = value
    merged[metricName] = score
    return merged
  })
}

/**
 * DSPy's `truncate_cell`: more than 25 words are cut to 25 followed by `...`.
 *
 * @example
 * truncateCell('a short answer') // 'a short answer'
 */
export function truncateCell(content: unknown): unknown {
  const words = pythonStr(content).split(/\s+/).filter(Boolean)
  return words.length > 25 ? `${words.slice(0, 25).join(' ')}...` : content
}

/**
 * DSPy's `stylize_metric_name` cell format: `✔️ [0.500]` for fractions, `✔️ [True]` otherwise.
 *
 * @example
 * formatMetricCell(0.5) // '✔️ [0.500]'
 */
export function formatMetricCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' && !Number.isInteger(value)) return `✔️ [${value.toFixed(3)}]`
  return `✔️ [${pythonStr(value)}]`
}

/**
 * The name DSPy gives the metric column: the function's name (`<lambda>` when anonymous).
 *
 * @example
 * metricNameOf(answerExactMatch) // 'answerExactMatch'
 */
export function metricNameOf(metric: unknown): string {
  if (typeof metric === 'function') return metric.name || '<lambda>'
  return (metric as object | undefined)?.constructor?.name ?? 'metric'
}

function cellText(value: unknown): string {
  if (value === undefined) return 'NaN'
  return pythonStr(value).replaceAll('\r', '\\r').replaceAll('\n', '\\n')
}

/** Options of {@link formatResultsTable}. */
export interface FormatResultsTableOptions {
  metricName: string
  /** `true` for every row, a number for the first rows only (DSPy's `display_table`). */
  limit: boolean | number
}

/**
 * The results table `displayTable` prints: one line per example with its fields and the metric
 * (column `metricName`, cells `✔️ [...]`), each cell truncated to 25 words, an index column as
 * pandas prints, and «... N more rows not displayed ...» when `limit` cuts rows.
 *
 * @example
 * console.log(formatResultsTable(resultRecords(result.results, 'exact'), { metricName: 'exact', limit: 5 }))
 */
export function formatResultsTable(
  records: ResultRecord[],
  options: FormatResultsTableOptions,
): string {
  const limit =
    typeof options.limit === 'number' ? Math.max(0, options.limit) : Number.POSITIVE_INFINITY
  const shown = records.slice(0, limit)
  const columns: string[] = []
  for (const record of records) {
    for (const key of Object.keys(record)) {
      if (!columns.includes(key)) columns.push(key)
    }
  }
  const header = [
    '',
    ...columns.map((column) => (column === 'correct' ? options.metricName : column)),
  ]
  const metricColumn = header.indexOf(options.metricName) - 1
  const lines = shown.map((record, index) => [
    String(index),
    ...columns.map((column, position) => {
      if (!(column in record)) return 'NaN'
      const value = truncateCell(record[column])
      return position === metricColumn ? formatMetricCell(value) : cellText(value)
    }),
  ])
  const widths = header.map((title, position) =>
    Math.max([...title].length, ...lines.map((line) => [...line[position]!].length)),
  )
  const render = (cells: string[]) =>
    cells
      .map((cell, position) => cell + ' '.repeat(widths[position]! - [...cell].length))
      .join('  ')
      .trimEnd()
  const output = [render(header), ...lines.map(render)]
  const hidden = records.length - shown.length
  if (hidden > 0) output.push(`... ${hidden} more rows not displayed ...`)
  return output.join('\n')
}
