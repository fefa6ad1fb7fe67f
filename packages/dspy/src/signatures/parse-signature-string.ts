import { SignatureError } from '../errors/dspy-error.ts'
import type { FieldType } from './field-type.ts'
import { type CustomTypes, parseTypeExpression } from './parse-type-expression.ts'

/** One field as written in a signature string. */
export interface ParsedField {
  name: string
  type: FieldType
  typeUndefined: boolean
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quote: string | undefined
  let current = ''
  let escaped = false
  for (const character of text) {
    if (quote) {
      if (escaped) escaped = false
      else if (character === '\\') escaped = true
      else if (character === quote) quote = undefined
    } else if (character === '"' || character === "'") quote = character
    else if (character === '[' || character === '(') depth += 1
    else if (character === ']' || character === ')') depth -= 1
    else if (character === ',' && depth === 0) {
      parts.push(current)
      current = ''
      continue
    }
    current += character
  }
  parts.push(current)
  return parts
}

function parseSide(text: string, signature: string, customTypes?: CustomTypes): ParsedField[] {
  const parts = splitTopLevel(text)
  if (parts.length === 1 && parts[0]!.trim() === '') return []
  return parts
    .map((part, index) => {
      const trimmed = part.trim()
      if (trimmed === '' && index === parts.length - 1 && index > 0) return undefined
      const colon = trimmed.indexOf(':')
      const name = (colon === -1 ? trimmed : trimmed.slice(0, colon)).trim()
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        throw new SignatureError({
          message: `Invalid field name '${name}' in signature '${signature}': field names must be identifiers.`,
        })
      }
      if (colon === -1) return { name, type: { kind: 'str' }, typeUndefined: true } as ParsedField
      const typeText = trimmed.slice(colon + 1).trim()
      if (typeText === '')
        throw new SignatureError({
          message: `Missing type after '${name}:' in signature '${signature}'.`,
        })
      return { name, type: parseTypeExpression(typeText, customTypes), typeUndefined: false }
    })
    .filter((field): field is ParsedField => field !== undefined)
}

/**
 * Parses `"question, k: int -> answers: list[str]"` into input and output fields, with DSPy's
 * rules: exactly one `->`, untyped fields are `str`, names distinct across the two sides.
 */
export function parseSignatureString(
  signature: string,
  customTypes?: CustomTypes,
): { inputs: ParsedField[]; outputs: ParsedField[] } {
  if (signature.split('->').length !== 2) {
    throw new SignatureError({
      message: `Invalid signature format: '${signature}', must contain exactly one '->'.`,
    })
  }
  const [inputText, outputText] = signature.split('->') as [string, string]
  const inputs = parseSide(inputText, signature, customTypes)
  const outputs = parseSide(outputText, signature, customTypes)
  for (const side of [inputs, outputs]) {
    const seen = new Set<string>()
    for (const field of side) {
      if (seen.has(field.name)) {
        throw new SignatureError({
          code: 'SIGNATURE_DUPLICATE_FIELD',
          message: `Duplicate field name '${field.name}' in signature '${signature}'.`,
        })
      }
      seen.add(field.name)
    }
  }
  const outputNames = new Set(outputs.map((field) => field.name))
  const duplicates = [
    ...new Set(inputs.map((field) => field.name).filter((name) => outputNames.has(name))),
  ].sort()
  if (duplicates.length > 0) {
    throw new SignatureError({
      code: 'SIGNATURE_DUPLICATE_FIELD',
      message: `Input and output fields must have distinct names, but found duplicates: '${duplicates.join(', ')}'.`,
    })
  }
  return { inputs, outputs }
}
