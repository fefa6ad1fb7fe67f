/**
 * `validateValue`: pydantic v2's lax-mode `TypeAdapter(T).validate_python(value)` for our
 * {@link FieldType}s, as DSPy applies it to parsed LM answers.
 *
 * Value representation: Python ints and non-integral floats are plain numbers; a `float` whose
 * value is integral is returned as a {@link PyFloat}, because JavaScript cannot otherwise tell
 * `2.0` from `2` and DSPy prints the former (in demos, histories, JSON). `PyFloat` has
 * `valueOf()`, so `+value` and arithmetic work. Tuples are arrays, sets are `Set`s, dicts and
 * models plain objects, enum members their value.
 * @module
 */
import { PyFloat } from '../python/py-float.ts'
import type { FieldType } from '../signatures/field-type.ts'
import { validateContainer } from './validate-container.ts'
import {
  expectedValues,
  type ValidationIssue,
  ValueValidationError,
  validatorTitle,
} from './validation-error.ts'
import { Exactness, failure, type Outcome, pythonFloat, success } from './validation-outcome.ts'

function numeric(value: unknown): number | undefined {
  if (value instanceof PyFloat) return value.value
  return typeof value === 'number' ? value : undefined
}

/** A Python int: a plain integral number (an integral PyFloat is a float). */
function isPythonInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value)
}

const intText = /^[+-]?\d+(?:_\d+)*(?:\.0+)?$/
const floatText =
  /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/
const specialFloats: Record<string, number> = {
  inf: Number.POSITIVE_INFINITY,
  infinity: Number.POSITIVE_INFINITY,
  nan: Number.NaN,
}
const trueWords = ['1', 'on', 't', 'true', 'y', 'yes']
const falseWords = ['0', 'off', 'f', 'false', 'n', 'no']

function validateInt(value: unknown): Outcome {
  if (typeof value === 'boolean') return success(value ? 1 : 0, Exactness.lax)
  const number = numeric(value)
  if (number !== undefined) {
    if (!Number.isFinite(number))
      return failure('finite_number', 'Input should be a finite number', value)
    if (!Number.isInteger(number)) {
      return failure(
        'int_from_float',
        'Input should be a valid integer, got a number with a fractional part',
        value,
      )
    }
    if (!isPythonInt(value) && (number >= 2 ** 63 || number < -(2 ** 63))) {
      return failure(
        'int_parsing_size',
        'Unable to parse input string as an integer, exceeded maximum size',
        value,
      )
    }
    return success(number === 0 ? 0 : number, isPythonInt(value) ? Exactness.exact : Exactness.lax)
  }
  if (typeof value === 'string') {
    const text = value.trim()
    if (intText.test(text)) {
      const parsed = Number(text.replace(/\.0+$/, '').replaceAll('_', ''))
      return success(parsed === 0 ? 0 : parsed, Exactness.lax)
    }
    return failure(
      'int_parsing',
      'Input should be a valid integer, unable to parse string as an integer',
      value,
    )
  }
  return failure('int_type', 'Input should be a valid integer', value)
}

function validateFloat(value: unknown): Outcome {
  if (typeof value === 'boolean') return success(new PyFloat(value ? 1 : 0), Exactness.lax)
  if (value instanceof PyFloat) return success(value, Exactness.exact)
  if (typeof value === 'number') {
    return isPythonInt(value)
      ? success(new PyFloat(value), Exactness.strict)
      : success(value, Exactness.exact)
  }
  if (typeof value === 'string') {
    const text = value.trim()
    const sign = text.startsWith('-') ? -1 : 1
    const special = specialFloats[text.replace(/^[+-]/, '').toLowerCase()]
    if (special !== undefined) return success(sign * special, Exactness.lax)
    if (floatText.test(text))
      return success(pythonFloat(Number(text.replaceAll('_', ''))), Exactness.lax)
    return failure(
      'float_parsing',
      'Input should be a valid number, unable to parse string as a number',
      value,
    )
  }
  return failure('float_type', 'Input should be a valid number', value)
}

function validateBool(value: unknown): Outcome {
  if (typeof value === 'boolean') return success(value, Exactness.exact)
  const number = numeric(value)
  if (number !== undefined) {
    if (number === 0 || number === 1) return success(number === 1, Exactness.lax)
    if (Number.isInteger(number))
      return failure(
        'bool_parsing',
        'Input should be a valid boolean, unable to interpret input',
        value,
      )
    return failure('bool_type', 'Input should be a valid boolean', value)
  }
  if (typeof value === 'string') {
    const word = value.toLowerCase()
    if (trueWords.includes(word)) return success(true, Exactness.lax)
    if (falseWords.includes(word)) return success(false, Exactness.lax)
    return failure(
      'bool_parsing',
      'Input should be a valid boolean, unable to interpret input',
      value,
    )
  }
  return failure('bool_type', 'Input should be a valid boolean', value)
}

/** Python's `==` between a parsed value and a Literal or Enum value (`1 == 1.0 == True`). */
export function pythonEquals(value: unknown, expected: unknown): boolean {
  if (typeof expected === 'string' || typeof value === 'string') return value === expected
  if (expected === null || value === null || value === undefined)
    return (value ?? null) === expected
  const left = typeof value === 'boolean' ? Number(value) : numeric(value)
  const right = typeof expected === 'boolean' ? Number(expected) : numeric(expected)
  return left !== undefined && left === right
}

function validateUnion(value: unknown, options: FieldType[]): Outcome {
  const nonNull = options.filter((option) => option.kind !== 'none')
  if (nonNull.length < options.length && value === null) return success(null, Exactness.exact)
  if (nonNull.length === 1) return validateAgainst(value, nonNull[0]!)
  let best: (Outcome & { ok: true }) | undefined
  const issues: ValidationIssue[] = []
  for (const option of nonNull) {
    const outcome = validateAgainst(value, option)
    if (!outcome.ok) {
      const tag = validatorTitle(option)
      issues.push(...outcome.issues.map((issue) => ({ ...issue, loc: [tag, ...issue.loc] })))
      continue
    }
    if (outcome.exactness === Exactness.exact && outcome.fieldsSet === undefined) return outcome
    const moreFields =
      best?.fieldsSet !== undefined &&
      outcome.fieldsSet !== undefined &&
      best.fieldsSet !== outcome.fieldsSet
    if (
      !best ||
      (moreFields ? outcome.fieldsSet! > best.fieldsSet! : outcome.exactness > best.exactness)
    )
      best = outcome
  }
  return best ?? { ok: false, issues }
}

/** Validates one value against one type, collecting issues instead of throwing. */
export function validateAgainst(value: unknown, type: FieldType): Outcome {
  switch (type.kind) {
    case 'str':
      return typeof value === 'string'
        ? success(value, Exactness.exact)
        : failure('string_type', 'Input should be a valid string', value)
    case 'int':
      return validateInt(value)
    case 'float':
      return validateFloat(value)
    case 'bool':
      return validateBool(value)
    case 'none':
      return value === null
        ? success(null, Exactness.exact)
        : failure('none_required', 'Input should be None', value)
    case 'any':
    case 'custom':
      return success(value === undefined ? null : value, Exactness.exact)
    case 'literal': {
      const match = type.values.find((expected) => pythonEquals(value, expected))
      if (match !== undefined) return success(match, Exactness.exact)
      return failure('literal_error', `Input should be ${expectedValues(type.values)}`, value)
    }
    case 'enum': {
      const member = type.members.find((candidate) => pythonEquals(value, candidate.value))
      if (member) return success(member.value, Exactness.lax)
      return failure(
        'enum',
        `Input should be ${expectedValues(type.members.map((candidate) => candidate.value))}`,
        value,
      )
    }
    case 'union':
      return validateUnion(value, type.options)
    default:
      return validateContainer(value, type, validateAgainst)
  }
}

/**
 * pydantic v2's lax-mode validation of `value` against `type`
 * (`TypeAdapter(T).validate_python`): `"3"` → 3 for `int`, `"yes"` → true for `bool`, 2 →
 * `PyFloat(2)` for `float`; strings are not made from numbers; unions pick the closest match,
 * left to right on ties; models fill defaults and ignore extra keys, then run the zod schema
 * (if any) for its refinements.
 * Throws {@link ValueValidationError} with pydantic's message otherwise.
 *
 * @example
 * validateValue('3', { kind: 'int' }) // 3
 * validateValue('abc', { kind: 'int' }) // throws: 1 validation error for int ...
 */
export function validateValue(value: unknown, type: FieldType): unknown {
  const outcome = validateAgainst(value, type)
  if (!outcome.ok) throw new ValueValidationError(validatorTitle(type), outcome.issues)
  return outcome.value
}
