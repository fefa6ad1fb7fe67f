import { DspyError } from './dspy-error.ts'

/** A failure of the language model call itself; adapters never fall back on these. */
export class LmError extends DspyError {
  readonly model: string
  readonly status: number | undefined
  constructor(options: {
    model: string
    message: string
    status?: number
    code?: 'LM_ERROR' | 'LM_RATE_LIMIT' | 'LM_AUTH' | 'LM_CONTEXT_WINDOW_EXCEEDED'
    cause?: unknown
  }) {
    super({ code: options.code ?? 'LM_ERROR', message: options.message, cause: options.cause })
    this.name = 'LmError'
    this.model = options.model
    this.status = options.status
  }

  static isLmError(error: unknown): error is LmError {
    return DspyError.isInstance(error) && error.code.startsWith('LM_')
  }
}
