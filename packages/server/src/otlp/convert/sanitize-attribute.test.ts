import { describe, expect, it } from 'vitest'
import { dumpAttributeValue } from './python-json.ts'
import { sanitizeAttributeText, storedAttributeText } from './sanitize-attribute.ts'

/** Both paths: sanitizing the dumped value, and the shortcut the converter takes. */
function stored(value: string): string {
  const sanitized = sanitizeAttributeText(dumpAttributeValue(value))
  expect(storedAttributeText(value)).toBe(sanitized)
  return sanitized
}

describe('sanitizeAttributeText', () => {
  it('strips the second encoding of strings holding JSON strings, objects and lists', () => {
    expect(stored('{"question": "why?"}')).toBe('{"question": "why?"}')
    expect(stored(' [1, NaN] ')).toBe(' [1, NaN] ')
    expect(stored('"because"')).toBe('"because"')
  })

  it('keeps values encoded once, and strings holding other JSON', () => {
    expect(stored('LLM')).toBe('"LLM"')
    expect(stored('1')).toBe('"1"')
    expect(stored('true')).toBe('"true"')
    expect(stored('{not json')).toBe('"{not json"')
    expect(stored('')).toBe('""')
    expect(sanitizeAttributeText('{"a": 1}')).toBe('{"a": 1}')
    expect(sanitizeAttributeText('1.5')).toBe('1.5')
    expect(sanitizeAttributeText('"unterminated')).toBe('"unterminated')
  })
})
