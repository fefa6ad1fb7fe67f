import { AdapterParseError } from '../errors/adapter-parse-error.ts'
import { LmError } from '../errors/lm-error.ts'
import type { BaseLM } from '../lm/base-lm.ts'
import type { ChatMessage, LmOutput } from '../lm/lm-types.ts'
import { pythonJsonDumps } from '../python/py-json.ts'
import { pythonStrip } from '../python/py-text.ts'
import type { SignatureField } from '../signatures/field.ts'
import type { Signature } from '../signatures/signature.ts'
import { repairJsonLoads } from '../utils/json-repair.ts'
import { type AdapterOptions, applyOutputFieldDefaults } from './adapter.ts'
import { ChatAdapter, outputTypeInfo } from './chat-adapter.ts'
import { parseValue } from './parse-value.ts'
import { structuredOutputsSchema } from './structured-outputs-schema.ts'
import { toJsonable } from './to-jsonable.ts'
import { fieldPlaceholder } from './type-note.ts'

/** Finds the first balanced `{...}` block (DSPy's recursive regex). */
function firstBalancedObject(text: string): string | undefined {
  const start = text.indexOf('{')
  for (let begin = start; begin !== -1; begin = text.indexOf('{', begin + 1)) {
    let depth = 0
    for (let index = begin; index < text.length; index += 1) {
      if (text[index] === '{') depth += 1
      else if (text[index] === '}') {
        depth -= 1
        if (depth === 0) return text.slice(begin, index + 1)
      }
    }
  }
  return undefined
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    value.constructor === Object
  )
}

/**
 * DSPy's JSONAdapter: inputs as `[[ ## field ## ]]` sections, outputs as one JSON object; uses the
 * provider's structured outputs (or JSON mode) when the LM supports them.
 *
 * @example
 * dspy.configure({ lm, adapter: new JSONAdapter() })
 */
export class JSONAdapter extends ChatAdapter {
  constructor(options: AdapterOptions = {}) {
    super({ ...options, useNativeFunctionCalling: options.useNativeFunctionCalling ?? true })
  }

  protected override get isJsonAdapter(): boolean {
    return true
  }

  protected override async callLm(
    lm: BaseLM,
    messages: ChatMessage[],
    lmKwargs: Record<string, unknown>,
    signature: Signature,
  ): Promise<LmOutput[]> {
    if (!lm.supportedParams.includes('response_format'))
      return lm.call({ messages, kwargs: lmKwargs })
    const openEnded = signature.outputFields.some((field) => field.type.kind === 'dict')
    if (openEnded || !lm.supportsResponseSchema) {
      return lm.call({
        messages,
        kwargs: { ...lmKwargs, response_format: { type: 'json_object' } },
      })
    }
    try {
      const schema = structuredOutputsSchema(signature)
      const responseFormat = {
        type: 'json_schema',
        json_schema: { name: 'DSPyProgramOutputs', schema, strict: true },
      }
      return await lm.call({ messages, kwargs: { ...lmKwargs, response_format: responseFormat } })
    } catch (error) {
      if (LmError.isLmError(error)) throw error
      console.warn('Failed to use structured output format, falling back to JSON mode.')
      return lm.call({
        messages,
        kwargs: { ...lmKwargs, response_format: { type: 'json_object' } },
      })
    }
  }

  override formatFieldStructure(signature: Signature): string {
    const outputs = Object.fromEntries(
      signature.outputFields.map((field) => [field.name, fieldPlaceholder(field)]),
    )
    const parts = [
      'All interactions will be structured in the following way, with the appropriate values filled in.',
      'Inputs will have the following structure:',
      this.formatFieldsWithValues(
        signature.inputFields.map((field) => [field, fieldPlaceholder(field)]),
      ),
      'Outputs will be a JSON object with the following fields.',
      pythonJsonDumps(outputs, { indent: 2 }),
    ]
    return pythonStrip(parts.join('\n\n'))
  }

  override userMessageOutputRequirements(signature: Signature): string {
    const parts = signature.outputFields.map((field) => `\`${field.name}\`${outputTypeInfo(field)}`)
    return `Respond with a JSON object in the following order of fields: ${parts.join(', then ')}.`
  }

  override formatAssistantMessageContent(
    signature: Signature,
    outputs: Record<string, unknown>,
    missingFieldMessage: string | null = null,
  ): string {
    return assistantJson(signature.outputFields, outputs, missingFieldMessage)
  }

  override formatAnswerFields(values: Record<string, unknown>): string {
    return pythonJsonDumps(toJsonable(values), { indent: 2 })
  }

  protected override parseCompletion(
    signature: Signature,
    completion: string,
  ): Record<string, unknown> {
    const outputNames = signature.outputFields.map((field) => field.name)
    let text = completion
    let fields = repairJsonLoads(text)
    if (!isPlainRecord(fields)) {
      const block = firstBalancedObject(text)
      if (block !== undefined) {
        text = block
        fields = repairJsonLoads(text)
      }
    }
    if (!isPlainRecord(fields)) {
      throw new AdapterParseError({
        adapterName: 'JSONAdapter',
        outputFieldNames: outputNames,
        lmResponse: text,
        message: 'LM response cannot be serialized to a JSON object.',
      })
    }
    const parsed: Record<string, unknown> = {}
    for (const field of signature.outputFields) {
      if (!(field.name in fields)) continue
      try {
        parsed[field.name] = parseValue(fields[field.name], field.type)
      } catch (error) {
        throw new AdapterParseError({
          adapterName: 'JSONAdapter',
          outputFieldNames: outputNames,
          lmResponse: text,
          message: `Failed to parse field ${field.name} from the LM response. Error message: ${(error as Error).message}`,
          cause: error,
        })
      }
    }
    const completed = applyOutputFieldDefaults(signature, parsed)
    if (Object.keys(completed).length !== outputNames.length) {
      throw new AdapterParseError({
        adapterName: 'JSONAdapter',
        outputFieldNames: outputNames,
        lmResponse: text,
        parsedResult: completed,
      })
    }
    return completed
  }
}

function assistantJson(
  fields: readonly SignatureField[],
  outputs: Record<string, unknown>,
  missingFieldMessage: string | null,
): string {
  const record: Record<string, unknown> = {}
  for (const field of fields) {
    record[field.name] =
      field.name in outputs ? toJsonable(outputs[field.name], field.type) : missingFieldMessage
  }
  return pythonJsonDumps(record, { indent: 2 })
}

ChatAdapter.jsonFallback = () => new JSONAdapter()
