import { APICallError, LoadAPIKeyError, RetryError } from 'ai'
import { LmError } from '../errors/lm-error.ts'

/** How {@link withRetries} waits between attempts. */
export interface RetryOptions {
  /** Retries after the first attempt (DSPy's `num_retries`, default 3). */
  retries: number
  /** Waits this many milliseconds; injectable so tests need not wait. */
  sleep?: (milliseconds: number) => Promise<void>
  /** A number in [0, 1) for the jitter; injectable for deterministic tests. */
  random?: () => number
  /** Delay before the first retry, before jitter (default 1000 ms). */
  initialDelayMs?: number
  /** Upper bound of any delay (default 30 000 ms). */
  maxDelayMs?: number
  /** Which failures are worth another attempt; defaults to {@link isRetryableError}. */
  isRetryable?: (error: unknown) => boolean
}

const defaultSleep = (milliseconds: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, milliseconds))

/**
 * The wait before retry number `attempt` (0 = first retry): exponential growth from
 * `initialDelayMs`, capped at `maxDelayMs`, with "equal jitter" (between half and all of it).
 *
 * @example
 * backoffDelay(0, { random: () => 0 }) // 500
 * backoffDelay(2, { random: () => 0.999 }) // ~4000
 */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'random' | 'initialDelayMs' | 'maxDelayMs'> = {},
): number {
  const initial = options.initialDelayMs ?? 1000
  const ceiling = Math.min(options.maxDelayMs ?? 30_000, initial * 2 ** attempt)
  const random = options.random ?? Math.random
  return Math.round(ceiling / 2 + (ceiling / 2) * random())
}

function statusOf(error: unknown): number | undefined {
  if (APICallError.isInstance(error)) return error.statusCode
  if (LmError.isLmError(error)) return error.status
  return undefined
}

function isNetworkError(error: unknown): boolean {
  if (APICallError.isInstance(error)) return error.statusCode === undefined && error.isRetryable
  if (error instanceof TypeError) return /fetch failed|network|socket|ECONN/i.test(error.message)
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' && /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|UND_ERR)/.test(code)
}

/**
 * Rate limits (429), server errors (5xx) and network failures are transient.
 *
 * @example
 * isRetryableError(new TypeError('fetch failed')) // true
 */
export function isRetryableError(error: unknown): boolean {
  const status = statusOf(error)
  if (status !== undefined) return status === 429 || status >= 500
  return isNetworkError(error)
}

function retryAfterMs(error: unknown): number | undefined {
  if (!APICallError.isInstance(error)) return undefined
  const value = error.responseHeaders?.['retry-after']
  const seconds = value === undefined ? Number.NaN : Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, or `retries` retries are used.
 * A `Retry-After` header (seconds) replaces the computed backoff, capped at `maxDelayMs`.
 *
 * @example
 * const text = await withRetries(() => callProvider(), { retries: 3, sleep: async () => {} })
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep
  const isRetryable = options.isRetryable ?? isRetryableError
  for (let retry = 0; ; retry++) {
    try {
      return await attempt()
    } catch (error) {
      if (retry >= options.retries || !isRetryable(error)) throw error
      const hinted = retryAfterMs(error)
      const delay =
        hinted === undefined
          ? backoffDelay(retry, options)
          : Math.min(hinted, options.maxDelayMs ?? 30_000)
      await sleep(delay)
    }
  }
}

const contextWindowPattern =
  /context[_ ](length|window)|maximum context|too many tokens|prompt is too long|input is too long|reduce the length/i

/**
 * Replaces every secret (of 4 characters or more) in `text` by `[redacted]`.
 *
 * @example
 * redactSecrets('bad key sk-123456', ['sk-123456']) // 'bad key [redacted]'
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text
  for (const secret of secrets)
    if (secret.length >= 4) result = result.split(secret).join('[redacted]')
  return result
}

function providerMessage(error: unknown): string {
  if (APICallError.isInstance(error)) return error.message
  if (error instanceof Error) return `${error.name}: ${error.message}`
  return String(error)
}

/**
 * Maps any failure of a provider call onto an {@link LmError}: 401/403 → `LM_AUTH`, 429 →
 * `LM_RATE_LIMIT`, an over-long prompt → `LM_CONTEXT_WINDOW_EXCEEDED`, anything else →
 * `LM_ERROR`. The status and model are kept; the secrets (API keys) never appear.
 *
 * @example
 * throw toLmError(error, { model: 'openai/gpt-4o-mini', secrets: [apiKey] })
 */
export function toLmError(
  error: unknown,
  context: { model: string; secrets?: readonly string[] },
): LmError {
  if (LmError.isLmError(error)) return error
  const cause = RetryError.isInstance(error) ? error.lastError : error
  const secrets = (context.secrets ?? []).filter((secret) => secret.length >= 4)
  const status = statusOf(cause)
  const body = APICallError.isInstance(cause) ? (cause.responseBody ?? '') : ''
  const detail = redactSecrets(providerMessage(cause), secrets)
  let code: 'LM_ERROR' | 'LM_RATE_LIMIT' | 'LM_AUTH' | 'LM_CONTEXT_WINDOW_EXCEEDED' = 'LM_ERROR'
  if (status === 401 || status === 403 || LoadAPIKeyError.isInstance(cause)) code = 'LM_AUTH'
  else if (status === 429) code = 'LM_RATE_LIMIT'
  else if (contextWindowPattern.test(`${detail} ${body}`)) code = 'LM_CONTEXT_WINDOW_EXCEEDED'
  const statusText = status === undefined ? '' : ` (status ${status})`
  const leaks = secrets.some((secret) => `${detail} ${body} ${String(cause)}`.includes(secret))
  return new LmError({
    model: context.model,
    status,
    code,
    message: `LM call to ${context.model} failed${statusText}: ${detail}`,
    cause: leaks ? new Error(detail) : cause,
  })
}
