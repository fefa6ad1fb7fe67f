/**
 * Lax-mode validation of containers for `validateValue`: lists, sets, tuples, dicts and models
 * (pydantic `BaseModel`s: defaults filled, extra keys ignored, missing fields reported).
 * @module
 */
import { PyFloat } from '../python/py-float.ts'
import type { FieldType } from '../signatures/field-type.ts'
import { setOwnKey } from '../utils/python-json-decode.ts'
import { valueRepr, type ValidationIssue } from './validation-error.ts'
import { Exactness, failure, type Outcome, success } from './validation-outcome.ts'
import { zodRefinementIssues } from './zod-refinements.ts'

type Validate = (value: unknown, type: FieldType) => Outcome
type Items = { values: unknown[]; exactness: number; issues: ValidationIssue[] }

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  )
}

/** The entries of a dict-like input (a plain object or a Map), or undefined. */
function entriesOf(value: unknown): [unknown, unknown][] | undefined {
  if (value instanceof Map) return [...value.entries()]
  return isPlainRecord(value) ? Object.entries(value) : undefined
}

function itemsOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value
  return value instanceof Set ? [...value] : undefined
}

function validateItems(
  items: unknown[],
  typeAt: (index: number) => FieldType | undefined,
  validate: Validate,
): Items {
  const result: Items = { values: [], exactness: Exactness.exact, issues: [] }
  items.forEach((item, index) => {
    const itemType = typeAt(index)
    const outcome = itemType ? validate(item, itemType) : success(item, Exactness.exact)
    if (outcome.ok) {
      result.values.push(outcome.value)
      result.exactness = Math.min(result.exactness, outcome.exactness)
    } else
      result.issues.push(
        ...outcome.issues.map((issue) => ({ ...issue, loc: [index, ...issue.loc] })),
      )
  })
  return result
}

function finish(
  items: Items,
  baseExactness: number,
  build: (values: unknown[]) => unknown,
): Outcome {
  if (items.issues.length > 0) return { ok: false, issues: items.issues }
  return success(build(items.values), Math.min(baseExactness, items.exactness))
}

/** Python's hash equality for set members: `1`, `1.0` and `True` are one member. */
function memberKey(value: unknown): string {
  if (typeof value === 'string') return `s:${value}`
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof PyFloat)
    return `n:${Number(value)}`
  return `o:${valueRepr(value)}`
}

function uniqueSet(values: unknown[]): Set<unknown> {
  const members = new Map<string, unknown>()
  for (const value of values)
    if (!members.has(memberKey(value))) members.set(memberKey(value), value)
  return new Set(members.values())
}

/** A copy of a default value, so that callers cannot change the type's default. */
function copyDefault(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyDefault)
  if (value instanceof Set) return new Set([...value].map(copyDefault))
  if (value instanceof Map)
    return new Map([...value.entries()].map(([key, item]) => [key, copyDefault(item)]))
  if (isPlainRecord(value)) {
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) setOwnKey(copy, key, copyDefault(item))
    return copy
  }
  return value
}

function dictKeyText(key: unknown): string {
  return typeof key === 'string' ? key : valueRepr(key)
}

function validateDict(
  value: unknown,
  type: FieldType & { kind: 'dict' },
  validate: Validate,
): Outcome {
  const entries = entriesOf(value)
  if (!entries) return failure('dict_type', 'Input should be a valid dictionary', value)
  const result: Record<string, unknown> = {}
  const issues: ValidationIssue[] = []
  let exactness: number = Exactness.strict
  for (const [key, item] of entries) {
    const keyText = dictKeyText(key)
    const keyOutcome = type.key ? validate(key, type.key) : success(key, Exactness.exact)
    const itemOutcome = type.value ? validate(item, type.value) : success(item, Exactness.exact)
    if (!keyOutcome.ok)
      issues.push(
        ...keyOutcome.issues.map((issue) => ({ ...issue, loc: [keyText, '[key]', ...issue.loc] })),
      )
    if (!itemOutcome.ok)
      issues.push(
        ...itemOutcome.issues.map((issue) => ({ ...issue, loc: [keyText, ...issue.loc] })),
      )
    if (keyOutcome.ok && itemOutcome.ok) {
      setOwnKey(result, dictKeyText(keyOutcome.value), itemOutcome.value)
      exactness = Math.min(exactness, keyOutcome.exactness, itemOutcome.exactness)
    }
  }
  return issues.length > 0 ? { ok: false, issues } : success(result, exactness)
}

function validateModel(
  value: unknown,
  type: FieldType & { kind: 'model' },
  validate: Validate,
): Outcome {
  const entries = entriesOf(value)
  if (!entries)
    return failure(
      'model_type',
      `Input should be a valid dictionary or instance of ${type.name}`,
      value,
    )
  const input = new Map(entries)
  const result: Record<string, unknown> = {}
  const issues: ValidationIssue[] = []
  let exactness: number = Exactness.strict
  let fieldsSet = 0
  for (const field of type.fields) {
    if (!input.has(field.name)) {
      if (field.default) setOwnKey(result, field.name, copyDefault(field.default.value))
      else issues.push({ loc: [field.name], type: 'missing', msg: 'Field required', input: value })
      continue
    }
    fieldsSet += 1
    const outcome = validate(input.get(field.name), field.type)
    if (outcome.ok) {
      setOwnKey(result, field.name, outcome.value)
      exactness = Math.min(exactness, outcome.exactness)
    } else
      issues.push(...outcome.issues.map((issue) => ({ ...issue, loc: [field.name, ...issue.loc] })))
  }
  if (issues.length === 0 && type.schema) issues.push(...zodRefinementIssues(result, type.schema))
  return issues.length > 0 ? { ok: false, issues } : success(result, exactness, fieldsSet)
}

/** Validates lists, sets, tuples, dicts and models; `validate` handles their items. */
export function validateContainer(value: unknown, type: FieldType, validate: Validate): Outcome {
  switch (type.kind) {
    case 'list':
    case 'set': {
      const items = itemsOf(value)
      if (!items) return failure(`${type.kind}_type`, `Input should be a valid ${type.kind}`, value)
      const exactInput = type.kind === 'list' ? Array.isArray(value) : value instanceof Set
      const validated = validateItems(items, () => type.item, validate)
      return finish(validated, exactInput ? Exactness.exact : Exactness.lax, (values) =>
        type.kind === 'set' ? uniqueSet(values) : values,
      )
    }
    case 'tuple': {
      const items = itemsOf(value)
      if (!items) return failure('tuple_type', 'Input should be a valid tuple', value)
      if (type.variadic)
        return finish(
          validateItems(items, () => type.items[0], validate),
          Exactness.lax,
          (values) => values,
        )
      if (items.length > type.items.length) {
        const limit = type.items.length
        const message = `Tuple should have at most ${limit} items after validation, not ${items.length}`
        return failure('too_long', message, value)
      }
      const validated = validateItems(items, (index) => type.items[index], validate)
      for (let index = items.length; index < type.items.length; index += 1) {
        validated.issues.push({
          loc: [index],
          type: 'missing',
          msg: 'Field required',
          input: value,
        })
      }
      return finish(validated, Exactness.lax, (values) => values)
    }
    case 'dict':
      return validateDict(value, type, validate)
    case 'model':
      return validateModel(value, type, validate)
    default:
      return success(value, Exactness.exact)
  }
}
