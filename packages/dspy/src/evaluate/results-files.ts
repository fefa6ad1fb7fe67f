import { writeFile } from 'node:fs/promises'
import { InvalidArgumentError } from '../errors/dspy-error.ts'
import { pythonJsonDumps } from '../python/py-json.ts'
import { pythonStr } from '../python/py-repr.ts'
import type { ResultRecord } from './results-table.ts'

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : pythonStr(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The CSV DSPy's `save_as_csv` writes (`csv.DictWriter`): the first record's keys are the header,
 * cells are Python's `str()` of the values, quoted when needed, lines end with `\r\n`.
 *
 * @example
 * resultsCsv([{ question: 'q', exact: true }]) // 'question,exact\r\nq,True\r\n'
 */
export function resultsCsv(records: ResultRecord[]): string {
  if (records.length === 0) return ''
  const fields = Object.keys(records[0]!)
  const lines = [fields.map(csvCell).join(',')]
  for (const record of records) {
    const extra = Object.keys(record).filter((key) => !fields.includes(key))
    if (extra.length > 0) {
      throw new InvalidArgumentError({
        message: `Cannot save the results as CSV: a row has fields not in the header (${extra.join(', ')}).`,
      })
    }
    lines.push(fields.map((field) => csvCell(record[field])).join(','))
  }
  return lines.map((line) => `${line}\r\n`).join('')
}

/**
 * The JSON DSPy's `save_as_json` writes (`json.dump`: `, ` and `: ` separators, ASCII only).
 *
 * @example
 * resultsJson([{ question: 'café', exact: true }]) // '[{"question": "caf\\u00e9", "exact": true}]'
 */
export function resultsJson(records: ResultRecord[]): string {
  return pythonJsonDumps(records).replace(
    /[\u007f-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}

/**
 * Writes the records as CSV and / or JSON files (DSPy's `save_as_csv` / `save_as_json`).
 *
 * @example
 * await saveResults({ records: resultRecords(result.results, 'exact'), csvPath: 'results.csv' })
 */
export async function saveResults(options: {
  records: ResultRecord[]
  csvPath?: string | undefined
  jsonPath?: string | undefined
}): Promise<void> {
  if (options.csvPath) await writeFile(options.csvPath, resultsCsv(options.records), 'utf8')
  if (options.jsonPath) await writeFile(options.jsonPath, resultsJson(options.records), 'utf8')
}
