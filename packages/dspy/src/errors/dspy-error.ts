const marker = Symbol.for('@dspyflow/dspy.error')

/** Stable codes of every error `@dspyflow/dspy` raises. */
export type DspyErrorCode =
  | 'SIGNATURE_INVALID'
  | 'SIGNATURE_UNKNOWN_TYPE'
  | 'SIGNATURE_DUPLICATE_FIELD'
  | 'MISSING_INPUT'
  | 'INVALID_ARGUMENT'
  | 'NO_LM_CONFIGURED'
  | 'ADAPTER_PARSE'
  | 'LM_ERROR'
  | 'LM_RATE_LIMIT'
  | 'LM_AUTH'
  | 'LM_CONTEXT_WINDOW_EXCEEDED'
  | 'STATE_INVALID'
  | 'TOOL_ERROR'
  | 'DATASET_UNAVAILABLE'

/**
 * The base of every error `@dspyflow/dspy` throws: a stable `code`, a message that names the
 * problem, and an optional `cause`. Check with `DspyError.isInstance(e)`, which works across
 * copies of the package, rather than `instanceof`.
 */
export class DspyError extends Error {
  readonly [marker] = true
  readonly code: DspyErrorCode

  constructor(options: { code: DspyErrorCode; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code
    this.name = 'DspyError'
  }

  static isInstance(error: unknown): error is DspyError {
    return typeof error === 'object' && error !== null && marker in error
  }
}

/** Signature strings, field types and field names that cannot be understood. */
export class SignatureError extends DspyError {
  constructor(options: {
    code?: 'SIGNATURE_INVALID' | 'SIGNATURE_UNKNOWN_TYPE' | 'SIGNATURE_DUPLICATE_FIELD'
    message: string
    cause?: unknown
  }) {
    super({
      code: options.code ?? 'SIGNATURE_INVALID',
      message: options.message,
      cause: options.cause,
    })
    this.name = 'SignatureError'
  }
}

/** A call got arguments it cannot use (positional arguments, bad options). */
export class InvalidArgumentError extends DspyError {
  constructor(options: { message: string; cause?: unknown }) {
    super({ code: 'INVALID_ARGUMENT', ...options })
    this.name = 'InvalidArgumentError'
  }
}

/** A predictor was called without an input field its signature requires. */
export class MissingInputError extends DspyError {
  readonly missing: string[]
  constructor(options: { missing: string[]; signature: string }) {
    super({
      code: 'MISSING_INPUT',
      message: `Missing input field(s) ${options.missing.map((name) => `\`${name}\``).join(', ')} for signature \`${options.signature}\`.`,
    })
    this.name = 'MissingInputError'
    this.missing = options.missing
  }
}

/** No LM is set on the predictor nor in the settings. */
export class NoLmConfiguredError extends DspyError {
  constructor() {
    super({
      code: 'NO_LM_CONFIGURED',
      message:
        "No LM is loaded. Please configure the LM using `dspy.configure({ lm: new dspy.LM(...) })`. e.g, `dspy.configure({ lm: new dspy.LM('openai/gpt-4o-mini') })`",
    })
    this.name = 'NoLmConfiguredError'
  }
}

/** A saved state file that does not fit the program it is loaded into. */
export class StateError extends DspyError {
  constructor(options: { message: string; cause?: unknown }) {
    super({ code: 'STATE_INVALID', ...options })
    this.name = 'StateError'
  }
}
