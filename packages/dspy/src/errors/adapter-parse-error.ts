import { DspyError } from './dspy-error.ts'

/**
 * The LM's answer could not be parsed into the signature's output fields. The message has the
 * same layout as DSPy's `AdapterParseError`.
 */
export class AdapterParseError extends DspyError {
  readonly adapterName: string
  readonly lmResponse: string
  readonly parsedResult: Record<string, unknown> | undefined

  constructor(options: {
    adapterName: string
    outputFieldNames: string[]
    lmResponse: string
    message?: string
    parsedResult?: Record<string, unknown>
    cause?: unknown
  }) {
    let text = options.message ? `${options.message}\n\n` : ''
    text +=
      `Adapter ${options.adapterName} failed to parse the LM response. \n\n` +
      `LM Response: ${options.lmResponse} \n\n` +
      `Expected to find output fields in the LM response: [${options.outputFieldNames.join(', ')}] \n\n`
    if (options.parsedResult !== undefined) {
      text += `Actual output fields parsed from the LM response: [${Object.keys(options.parsedResult).join(', ')}] \n\n`
    }
    super({ code: 'ADAPTER_PARSE', message: text, cause: options.cause })
    this.name = 'AdapterParseError'
    this.adapterName = options.adapterName
    this.lmResponse = options.lmResponse
    this.parsedResult = options.parsedResult
  }
}
