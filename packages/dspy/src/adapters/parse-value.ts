/**
 * `parseValue`: DSPy's `parse_value(value, annotation)` (`dspy/adapters/utils.py`), which turns
 * the text an LM wrote for an output field into a value of the field's type.
 * @module
 */
import { pythonStrip } from '../python/py-text.ts'
import type { FieldType, LiteralValue } from '../signatures/field-type.ts'
import { repairJsonLoads } from '../utils/json-repair.ts'
import { LiteralEvalError, pythonLiteralEval } from '../utils/python-literal.ts'
import { pythonEquals, validateValue } from './validate-value.ts'
import { valueRepr } from './validation-error.ts'

export { validateValue } from './validate-value.ts'
export { ValueValidationError } from './validation-error.ts'

/** A Python `ValueError` raised by `parse_value` itself (Literal and Enum mismatches). */
function valueError(message: string): Error {
  const error = new Error(message)
  error.name = 'ValueError'
  return error
}

/** Python's `str(value)`. */
function pythonStrOf(value: unknown): string {
  return typeof value === 'string' ? value : valueRepr(value)
}

function findEnumMember(type: FieldType & { kind: 'enum' }, identifier: unknown): string | number {
  const byValue = type.members.find((member) => pythonEquals(identifier, member.value))
  if (byValue) return byValue.value
  const byName = type.members.find((member) => member.name === identifier)
  if (byName) return byName.value
  throw valueError(
    `${pythonStrOf(identifier)} is not a valid name or value for the enum ${type.name}`,
  )
}

function parseLiteral(value: unknown, allowed: LiteralValue[]): unknown {
  if (allowed.some((option) => pythonEquals(value, option))) return value
  if (typeof value === 'string') {
    let text = pythonStrip(value)
    if ((text.startsWith('Literal[') || text.startsWith('str[')) && text.endsWith(']')) {
      text = text.slice(text.indexOf('[') + 1, -1)
    }
    if (
      text.length > 1 &&
      (text[0] === '"' || text[0] === "'") &&
      text[0] === text[text.length - 1]
    ) {
      text = text.slice(1, -1)
    }
    if (allowed.some((option) => pythonEquals(text, option))) return text
  }
  const options = allowed.map(valueRepr).join(', ')
  throw valueError(
    `${valueRepr(value)} is not one of (${options}${allowed.length === 1 ? ',' : ''})`,
  )
}

function allowsNoneAndStr(type: FieldType): boolean {
  return (
    type.kind === 'union' &&
    type.options.some((option) => option.kind === 'none') &&
    type.options.some((option) => option.kind === 'str')
  )
}

/**
 * DSPy's `parse_value`: `str` fields keep the text; Enums match a member by value, then by name
 * (the member's value is returned); Literals match exactly, or after stripping whitespace, a
 * `Literal[...]` wrapper and one pair of quotes. Other text goes through `json_repair.loads`
 * ({@link repairJsonLoads}), then `ast.literal_eval` ({@link pythonLiteralEval}) when that
 * finds nothing, then pydantic lax validation ({@link validateValue}). A union of `str` and
 * `None` validates the raw text, so the answer `None` stays the string `'None'`.
 * Throws a `ValidationError` (pydantic's message) or a `ValueError`.
 *
 * @example
 * parseValue('[1, "2"]', { kind: 'list', item: { kind: 'int' } }) // [1, 2]
 * parseValue("'positive'", { kind: 'literal', values: ['positive', 'negative'] }) // 'positive'
 */
export function parseValue(value: unknown, type: FieldType): unknown {
  if (type.kind === 'str' || (type.kind === 'custom' && type.name === 'Reasoning'))
    return pythonStrOf(value)
  if (type.kind === 'enum') return findEnumMember(type, value)
  if (type.kind === 'literal') return parseLiteral(value, type.values)
  if (typeof value !== 'string' || allowsNoneAndStr(type)) return validateValue(value, type)
  let candidate = repairJsonLoads(value)
  if (candidate === '' && value !== '') {
    try {
      candidate = pythonLiteralEval(value)
    } catch (error) {
      if (!(error instanceof LiteralEvalError) || error.kind === 'TypeError') throw error
      candidate = value
    }
  }
  return validateValue(candidate, type)
}
