import { PyFloat } from '../python/py-float.ts'
import { pythonJsonDumps } from '../python/py-json.ts'
import { pythonStr } from '../python/py-repr.ts'
import type { SignatureField } from '../signatures/field.ts'
import { toJsonable } from './to-jsonable.ts'

function formatBlob(blob: string): string {
  if (!blob.includes('\n') && !blob.includes('«') && !blob.includes('»')) return `«${blob}»`
  return `«««\n    ${blob.replaceAll('\n', '\n    ')}\n»»»`
}

function formatListForText(items: unknown[]): string {
  if (items.length === 0) return 'N/A'
  if (items.length === 1) return formatBlob(pythonStr(items[0]))
  return items.map((item, index) => `[${index + 1}] ${formatBlob(pythonStr(item))}`).join('\n')
}

/**
 * DSPy's `format_field_value`: a list in a `str` field becomes a numbered list of «blobs»;
 * records and lists become Python-style JSON (`", "` separators, non-ASCII kept); scalars print
 * as Python's `str()` does (`True`, `None`, `2.0`).
 */
export function formatFieldValue(field: Pick<SignatureField, 'type'>, value: unknown): string {
  if (Array.isArray(value) && field.type.kind === 'str') return formatListForText(value)
  const jsonable = toJsonable(value, field.type)
  if (
    Array.isArray(jsonable) ||
    (jsonable !== null && typeof jsonable === 'object' && !(jsonable instanceof PyFloat))
  ) {
    return pythonJsonDumps(jsonable)
  }
  return pythonStr(jsonable)
}
