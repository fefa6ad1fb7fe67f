import { describe, expect, it } from 'vitest'
import { createPageToken, parsePageToken } from './page-token.ts'

describe('page tokens', () => {
  it('are base64 of {"offset": N}, byte for byte as MLflow writes them', () => {
    expect(createPageToken({ offset: 50 })).toBe('eyJvZmZzZXQiOiA1MH0=')
    expect(parsePageToken({ pageToken: 'eyJvZmZzZXQiOiA1MH0=' })).toBe(50)
    expect(parsePageToken({ pageToken: undefined })).toBe(0)
    expect(parsePageToken({ pageToken: '' })).toBe(0)
  })

  it('reject what does not decode to an offset', () => {
    const encode = (text: string) => Buffer.from(text).toString('base64')
    expect(() => parsePageToken({ pageToken: '!!' })).toThrow(
      'Invalid page token, could not base64-decode',
    )
    expect(() => parsePageToken({ pageToken: encode('nope') })).toThrow(
      'Invalid page token, decoded value=nope',
    )
    expect(() => parsePageToken({ pageToken: encode('{"offset": 0}') })).toThrow(
      'Invalid page token, parsed value={"offset": 0}',
    )
    expect(() => parsePageToken({ pageToken: encode('{"offset": "x"}') })).toThrow(
      'Invalid page token, not stringable x',
    )
  })
})
