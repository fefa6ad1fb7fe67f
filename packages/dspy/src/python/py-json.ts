import { PyFloat, pythonFloatRepr, pythonNumberRepr } from './py-float.ts'

/** Options of {@link pythonJsonDumps}: Python's `json.dumps(value, ensure_ascii=False, indent=...)`. */
export interface PythonJsonDumpsOptions {
  /** Indent width; undefined prints on one line with `", "` and `": "` separators. */
  indent?: number
  /** Float style: `python` (json.dumps, `1e+16`, `NaN`) or `orjson` (`1e16`, NaN as `null`). */
  floatStyle?: 'python' | 'orjson'
  /** Sort object keys (json.dumps(sort_keys=True)). */
  sortKeys?: boolean
}

function floatText(value: number, style: 'python' | 'orjson'): string {
  if (Number.isNaN(value)) return style === 'orjson' ? 'null' : 'NaN'
  if (!Number.isFinite(value)) {
    if (style === 'orjson') return 'null'
    return value > 0 ? 'Infinity' : '-Infinity'
  }
  const text = pythonFloatRepr(value)
  return style === 'orjson' ? text.replace(/e\+?(-?)0*(\d)/, 'e$1$2') : text
}

function numberText(value: number, style: 'python' | 'orjson'): string {
  if (!Number.isFinite(value)) return floatText(value, style)
  return Number.isInteger(value) && !Object.is(value, -0)
    ? pythonNumberRepr(value)
    : floatText(value, style)
}

/**
 * Python's `json.dumps(value, ensure_ascii=False)` (or orjson's output with `floatStyle: 'orjson'`):
 * `", "` and `": "` separators on one line, `[]`/`{}` for empties when indented, non-ASCII
 * characters unescaped, {@link PyFloat} values printed as floats.
 */
export function pythonJsonDumps(value: unknown, options: PythonJsonDumpsOptions = {}): string {
  const style = options.floatStyle ?? 'python'
  const indent = options.indent
  const write = (item: unknown, depth: number): string => {
    if (item === null || item === undefined) return 'null'
    if (item instanceof PyFloat) return floatText(item.value, style)
    if (typeof item === 'number') return numberText(item, style)
    if (typeof item === 'bigint') return item.toString()
    if (typeof item === 'boolean') return item ? 'true' : 'false'
    if (typeof item === 'string') return JSON.stringify(item)
    if (Array.isArray(item)) {
      if (item.length === 0) return '[]'
      const parts = item.map((element) => write(element, depth + 1))
      return wrap('[', ']', parts, depth)
    }
    if (item instanceof Set) return write([...item], depth)
    if (item instanceof Map) return write(Object.fromEntries(item), depth)
    if (typeof item === 'object') {
      const maybeJson = item as { toJSON?: () => unknown }
      if (typeof maybeJson.toJSON === 'function') return write(maybeJson.toJSON(), depth)
      let entries = Object.entries(item).filter(([, entry]) => entry !== undefined)
      if (options.sortKeys) entries = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      if (entries.length === 0) return '{}'
      const parts = entries.map(
        ([key, entry]) => `${JSON.stringify(key)}: ${write(entry, depth + 1)}`,
      )
      return wrap('{', '}', parts, depth)
    }
    return JSON.stringify(String(item))
  }
  const wrap = (open: string, close: string, parts: string[], depth: number): string => {
    if (indent === undefined) return `${open}${parts.join(', ')}${close}`
    const inner = ' '.repeat(indent * (depth + 1))
    const outer = ' '.repeat(indent * depth)
    return `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${outer}${close}`
  }
  return write(value, 0)
}
