/**
 * @module sanitize-attribute
 * MLflow's `sanitize_attributes`, applied when OTLP spans are stored: a client that sends an
 * already JSON-encoded string (MLflow's own exporters do, for `mlflow.spanInputs`) would end up
 * encoded twice, so a stored value that decodes to a string which itself decodes to a string,
 * object or list loses one layer of encoding.
 */
import { parsePyJson } from '../../stores/assessments/py-json.ts'
import { dumpAttributeValue } from './python-json.ts'
import type { OtlpAnyValue } from '../otlp-model.ts'

/**
 * The stored form of an attribute value: its JSON encoding, except for a string that already
 * holds a JSON string, object or list, which is stored as it is.
 *
 * @example
 * storedAttributeText('{"q": 1}') // '{"q": 1}'
 * storedAttributeText('LLM') // '"LLM"'
 * storedAttributeText(2n) // '2'
 */
export function storedAttributeText(value: OtlpAnyValue): string {
  if (typeof value !== 'string') return dumpAttributeValue(value)
  return holdsJsonContainer(value) ? value : JSON.stringify(value)
}

/**
 * MLflow's sanitizing of an already JSON-encoded attribute value.
 *
 * @example
 * sanitizeAttributeText('"{\\"q\\": 1}"') // '{"q": 1}'
 * sanitizeAttributeText('"\\"LLM\\""') // '"LLM"'
 * sanitizeAttributeText('"LLM"') // '"LLM"' (encoded once: kept)
 * sanitizeAttributeText('"1"') // '"1"' (a number inside: kept)
 */
export function sanitizeAttributeText(text: string): string {
  // Only a JSON string literal can decode to a string.
  if (text.charCodeAt(0) !== 0x22) return text
  let inner: unknown
  try {
    inner = JSON.parse(text)
  } catch {
    return text
  }
  return typeof inner === 'string' && holdsJsonContainer(inner) ? inner : text
}

/** Whether Python's `json.loads(text)` gives a str, dict or list. */
function holdsJsonContainer(text: string): boolean {
  let index = 0
  let first = text.charCodeAt(0)
  while (first === 0x20 || first === 0x09 || first === 0x0a || first === 0x0d) {
    first = text.charCodeAt(++index)
  }
  if (first !== 0x22 && first !== 0x7b && first !== 0x5b) return false
  try {
    JSON.parse(text)
    return true
  } catch {
    // The native parser refuses NaN / Infinity, which Python reads.
  }
  try {
    parsePyJson(text)
    return true
  } catch {
    return false
  }
}
