/**
 * Serialises a value like `JSON.stringify(value, null, space)`, except that bigints are
 * written as plain JSON integers (`JSON.stringify` throws on them). Use it for anything that
 * may hold nanosecond times parsed by `parseJsonBigIntSafe`. Values without bigints take the
 * native path.
 *
 * @example
 * printJsonBigIntSafe({ start_time_unix_nano: 1718460461282123456n })
 * // '{"start_time_unix_nano":1718460461282123456}'
 */
export function printJsonBigIntSafe(value: unknown, space?: number | string): string {
  if (!hasBigIntToJson()) {
    try {
      return JSON.stringify(value, null, space)
    } catch (error) {
      if (!(error instanceof TypeError) || !/BigInt/i.test(error.message)) throw error
    }
  }
  const indent = typeof space === 'number' ? ' '.repeat(Math.min(10, space)) : (space ?? '')
  return print(value, '', indent.slice(0, 10), new Set()) as string
}

function hasBigIntToJson(): boolean {
  return typeof (BigInt.prototype as { toJSON?: unknown }).toJSON === 'function'
}

function print(
  value: unknown,
  current: string,
  indent: string,
  seen: Set<object>,
): string | undefined {
  let item = value
  if (typeof item === 'object' && item !== null && typeof (item as Json).toJSON === 'function') {
    item = (item as Json).toJSON()
  }
  switch (typeof item) {
    case 'bigint':
      return item.toString()
    case 'number':
      return Number.isFinite(item) ? String(item) : 'null'
    case 'string':
      return JSON.stringify(item)
    case 'boolean':
      return item ? 'true' : 'false'
    case 'object':
      if (item === null) return 'null'
      if (seen.has(item)) throw new TypeError('Converting circular structure to JSON')
      seen.add(item)
      try {
        return Array.isArray(item)
          ? printArray(item, current, indent, seen)
          : printObject(item as Record<string, unknown>, current, indent, seen)
      } finally {
        seen.delete(item)
      }
    default:
      return undefined
  }
}

function printArray(items: unknown[], current: string, indent: string, seen: Set<object>): string {
  if (items.length === 0) return '[]'
  const inner = current + indent
  const parts = items.map((item) => print(item, inner, indent, seen) ?? 'null')
  return wrap('[', ']', parts, current, inner, indent)
}

function printObject(
  object: Record<string, unknown>,
  current: string,
  indent: string,
  seen: Set<object>,
): string {
  const inner = current + indent
  const parts: string[] = []
  for (const key of Object.keys(object)) {
    const printed = print(object[key], inner, indent, seen)
    if (printed !== undefined) {
      parts.push(`${JSON.stringify(key)}:${indent === '' ? '' : ' '}${printed}`)
    }
  }
  if (parts.length === 0) return '{}'
  return wrap('{', '}', parts, current, inner, indent)
}

function wrap(
  open: string,
  close: string,
  parts: string[],
  current: string,
  inner: string,
  indent: string,
): string {
  if (indent === '') return `${open}${parts.join(',')}${close}`
  return `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${current}${close}`
}

type Json = { toJSON: () => unknown }
