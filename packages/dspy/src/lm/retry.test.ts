import { APICallError, LoadAPIKeyError, RetryError } from 'ai'
import { describe, expect, it, vi } from 'vitest'
import { LmError } from '../errors/lm-error.ts'
import { backoffDelay, isRetryableError, redactSecrets, toLmError, withRetries } from './retry.ts'

function apiError(
  statusCode: number | undefined,
  options: Partial<{ body: string; retryAfter: string }> = {},
) {
  return new APICallError({
    message: `status ${statusCode}`,
    url: 'http://127.0.0.1/v1/chat/completions',
    requestBodyValues: {},
    statusCode,
    responseBody: options.body,
    responseHeaders: options.retryAfter ? { 'retry-after': options.retryAfter } : undefined,
    isRetryable: statusCode === undefined ? true : undefined,
  })
}

describe('backoff', () => {
  it('doubles from 1 s with equal jitter and a 30 s ceiling', () => {
    const low = (attempt: number) => backoffDelay(attempt, { random: () => 0 })
    const high = (attempt: number) => backoffDelay(attempt, { random: () => 1 })
    expect([0, 1, 2, 3].map(low)).toEqual([500, 1000, 2000, 4000])
    expect([0, 1, 2, 3].map(high)).toEqual([1000, 2000, 4000, 8000])
    expect(high(10)).toBe(30_000)
    expect(backoffDelay(1, { random: () => 0.5, initialDelayMs: 100 })).toBe(150)
  })

  it('retries 429, 5xx and network errors, not other 4xx', () => {
    expect(isRetryableError(apiError(429))).toBe(true)
    expect(isRetryableError(apiError(503))).toBe(true)
    expect(isRetryableError(apiError(undefined))).toBe(true)
    expect(isRetryableError(new TypeError('fetch failed'))).toBe(true)
    expect(isRetryableError(apiError(400))).toBe(false)
    expect(isRetryableError(apiError(401))).toBe(false)
    expect(isRetryableError(new Error('bug'))).toBe(false)
  })

  it('sleeps the backoff schedule between attempts, then gives up', async () => {
    const sleep = vi.fn(async (_milliseconds: number) => {})
    const attempt = vi.fn(async () => {
      throw apiError(500)
    })
    await expect(withRetries(attempt, { retries: 3, sleep, random: () => 0 })).rejects.toThrow(
      'status 500',
    )
    expect(attempt).toHaveBeenCalledTimes(4)
    expect(sleep.mock.calls.map(([delay]) => delay)).toEqual([500, 1000, 2000])
  })

  it('stops at once on a permanent error and honours Retry-After', async () => {
    const sleep = vi.fn(async (_milliseconds: number) => {})
    const permanent = vi.fn(async () => {
      throw apiError(400)
    })
    await expect(withRetries(permanent, { retries: 3, sleep })).rejects.toThrow()
    expect(permanent).toHaveBeenCalledTimes(1)
    let calls = 0
    const flaky = async () => {
      calls++
      if (calls === 1) throw apiError(429, { retryAfter: '2' })
      return 'ok'
    }
    expect(await withRetries(flaky, { retries: 1, sleep })).toBe('ok')
    expect(sleep).toHaveBeenCalledWith(2000)
  })
})

describe('toLmError', () => {
  const context = { model: 'openai/gpt-4o-mini', secrets: ['sk-secret-key'] }

  it('maps statuses onto codes with status and model', () => {
    expect(toLmError(apiError(401), context)).toMatchObject({ code: 'LM_AUTH', status: 401 })
    expect(toLmError(apiError(403), context).code).toBe('LM_AUTH')
    expect(toLmError(apiError(429), context).code).toBe('LM_RATE_LIMIT')
    expect(toLmError(apiError(500), context)).toMatchObject({
      code: 'LM_ERROR',
      status: 500,
      model: 'openai/gpt-4o-mini',
    })
    const tooLong = apiError(400, { body: '{"error":{"code":"context_length_exceeded"}}' })
    expect(toLmError(tooLong, context).code).toBe('LM_CONTEXT_WINDOW_EXCEEDED')
    expect(toLmError(new LoadAPIKeyError({ message: 'no key' }), context).code).toBe('LM_AUTH')
    const wrapped = new RetryError({
      message: 'x',
      reason: 'maxRetriesExceeded',
      errors: [apiError(429)],
    })
    expect(toLmError(wrapped, context).code).toBe('LM_RATE_LIMIT')
  })

  it('returns LmErrors unchanged and redacts secrets everywhere', () => {
    const existing = new LmError({ model: 'm', message: 'x' })
    expect(toLmError(existing, context)).toBe(existing)
    const leaking = new Error('bad key sk-secret-key')
    const mapped = toLmError(leaking, context)
    expect(mapped.message).toBe('LM call to openai/gpt-4o-mini failed: Error: bad key [redacted]')
    expect(String((mapped.cause as Error).message)).not.toContain('sk-secret-key')
    expect(redactSecrets('a sk-secret-key b', ['sk-secret-key'])).toBe('a [redacted] b')
  })
})
