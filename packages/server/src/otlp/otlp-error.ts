/**
 * @module otlp-error
 * Why an OTLP request was refused, with the status and FastAPI-style `{"detail": …}` body MLflow
 * 3.17's `/v1/traces` answers for the same mistake.
 */

const marker = Symbol.for('@dspyflow/server.otlp-error')

/** MLflow's answers for a malformed payload (400) and for a span it cannot convert (422). */
export const OTLP_MESSAGES = {
  invalidFormat: 'Invalid OpenTelemetry format',
  noSpans: 'Invalid OpenTelemetry format - no spans found',
  cannotConvert: 'Cannot convert OpenTelemetry span to MLflow span',
  failedToLog: 'Failed to log OpenTelemetry spans',
} as const

/**
 * A refused OTLP request: `status` and `detail` are what the client receives.
 *
 * @example
 * throw new OtlpError({ status: 400, detail: OTLP_MESSAGES.invalidFormat })
 */
export class OtlpError extends Error {
  readonly [marker] = true
  readonly status: 400 | 413 | 415 | 422 | 501
  readonly detail: string

  constructor(options: { status: OtlpError['status']; detail: string; cause?: unknown }) {
    super(options.detail, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'OtlpError'
    this.status = options.status
    this.detail = options.detail
  }

  /** Works across copies of the package. */
  static isInstance(error: unknown): error is OtlpError {
    return typeof error === 'object' && error !== null && marker in error
  }

  /**
   * 400 "Invalid OpenTelemetry format": the payload is not a valid `ExportTraceServiceRequest`.
   *
   * @example
   * throw OtlpError.invalidFormat(new Error('truncated varint'))
   */
  static invalidFormat(cause?: unknown): OtlpError {
    return new OtlpError({ status: 400, detail: OTLP_MESSAGES.invalidFormat, cause })
  }

  /**
   * 422 "Cannot convert OpenTelemetry span to MLflow span" (a span without ids, say).
   *
   * @example
   * throw OtlpError.cannotConvert('the span has no trace id')
   */
  static cannotConvert(reason: string): OtlpError {
    return new OtlpError({
      status: 422,
      detail: OTLP_MESSAGES.cannotConvert,
      cause: new Error(reason),
    })
  }
}
