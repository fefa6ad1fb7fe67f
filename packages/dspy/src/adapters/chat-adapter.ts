import { AdapterParseError } from '../errors/adapter-parse-error.ts'
import { LmError } from '../errors/lm-error.ts'
import type { ChatMessage } from '../lm/lm-types.ts'
import { pythonDedent, pythonSplitlines, pythonStrip } from '../python/py-text.ts'
import { annotationName } from '../signatures/annotation-name.ts'
import type { SignatureField } from '../signatures/field.ts'
import type { Signature } from '../signatures/signature.ts'
import {
  Adapter,
  type AdapterCallArguments,
  type AdapterOptions,
  applyOutputFieldDefaults,
  demoRecord,
} from './adapter.ts'
import { fieldDescriptionString } from './field-description.ts'
import { formatFieldValue } from './format-field-value.ts'
import { parseValue } from './parse-value.ts'
import { fieldPlaceholder } from './type-note.ts'

const fieldHeaderPattern = /^\[\[ ## ([\p{L}\p{N}_]+) ## \]\]/u
const incompleteDemoPrefix =
  'This is an example of the task, though some input or output fields are not supplied.'

/** Options of {@link ChatAdapter}. */
export interface ChatAdapterOptions extends AdapterOptions {
  /** Retry a failed call with the JSONAdapter (DSPy's default: true). */
  useJsonAdapterFallback?: boolean
}

/**
 * DSPy's default adapter: `[[ ## field ## ]]` sections in every message, a `[[ ## completed ## ]]`
 * marker at the end of answers, and a JSONAdapter retry when the answer cannot be parsed.
 *
 * @example
 * const messages = new ChatAdapter().format(new Signature('question -> answer'), [], { question: 'Hi?' })
 */
export class ChatAdapter extends Adapter {
  /** Set by the JSONAdapter module: builds the fallback adapter. */
  static jsonFallback: ((adapter: ChatAdapter) => Adapter) | undefined
  readonly useJsonAdapterFallback: boolean

  constructor(options: ChatAdapterOptions = {}) {
    super(options)
    this.useJsonAdapterFallback = options.useJsonAdapterFallback ?? true
  }

  protected get isJsonAdapter(): boolean {
    return false
  }

  override async call(args: AdapterCallArguments): Promise<Record<string, unknown>[]> {
    try {
      return await super.call(args)
    } catch (error) {
      const fallback = ChatAdapter.jsonFallback
      if (
        LmError.isLmError(error) ||
        this.isJsonAdapter ||
        !this.useJsonAdapterFallback ||
        !fallback
      )
        throw error
      return fallback(this).call(args)
    }
  }

  formatFieldDescription(signature: Signature): string {
    return (
      `Your input fields are:\n${fieldDescriptionString(signature.inputFields)}\n` +
      `Your output fields are:\n${fieldDescriptionString(signature.outputFields)}`
    )
  }

  formatFieldStructure(signature: Signature): string {
    const parts = [
      'All interactions will be structured in the following way, with the appropriate values filled in.',
      this.formatFieldsWithValues(
        signature.inputFields.map((field) => [field, fieldPlaceholder(field)]),
      ),
      this.formatFieldsWithValues(
        signature.outputFields.map((field) => [field, fieldPlaceholder(field)]),
      ),
      '[[ ## completed ## ]]\n',
    ]
    return pythonStrip(parts.join('\n\n'))
  }

  formatTaskDescription(signature: Signature): string {
    const lines = pythonSplitlines(pythonDedent(signature.instructions))
    return `In adhering to this structure, your objective is: ${['', ...lines].join(`\n${' '.repeat(8)}`)}`
  }

  formatSystemMessage(signature: Signature): string {
    return `${this.formatFieldDescription(signature)}\n${this.formatFieldStructure(signature)}\n${this.formatTaskDescription(signature)}`
  }

  formatUserMessageContent(
    signature: Signature,
    inputs: Record<string, unknown>,
    options: { prefix?: string; suffix?: string; mainRequest?: boolean } = {},
  ): string {
    const messages = [options.prefix ?? '']
    for (const field of signature.inputFields) {
      if (field.name in inputs)
        messages.push(`[[ ## ${field.name} ## ]]\n${formatFieldValue(field, inputs[field.name])}`)
    }
    if (options.mainRequest) {
      const requirements = this.userMessageOutputRequirements(signature)
      if (requirements !== undefined) messages.push(requirements)
    }
    messages.push(options.suffix ?? '')
    return pythonStrip(messages.join('\n\n'))
  }

  userMessageOutputRequirements(signature: Signature): string | undefined {
    const parts = signature.outputFields.map(
      (field) => `\`[[ ## ${field.name} ## ]]\`${outputTypeInfo(field)}`,
    )
    return (
      `Respond with the corresponding output fields, starting with the field ${parts.join(', then ')}` +
      ', and then ending with the marker for `[[ ## completed ## ]]`.'
    )
  }

  formatAssistantMessageContent(
    signature: Signature,
    outputs: Record<string, unknown>,
    missingFieldMessage: string | null = null,
  ): string {
    const content = this.formatFieldsWithValues(
      signature.outputFields.map((field) => [
        field,
        field.name in outputs ? outputs[field.name] : missingFieldMessage,
      ]),
    )
    return `${content}\n\n[[ ## completed ## ]]\n`
  }

  /** `[[ ## name ## ]]` + value blocks joined by blank lines (DSPy's `format_field_with_value`). */
  formatFieldsWithValues(entries: [SignatureField, unknown][]): string {
    return pythonStrip(
      entries
        .map(([field, value]) => `[[ ## ${field.name} ## ]]\n${formatFieldValue(field, value)}`)
        .join('\n\n'),
    )
  }

  /** How a scripted LM writes an answer of these field values (DSPy's `format_field_with_value` for DummyLM). */
  formatAnswerFields(values: Record<string, unknown>): string {
    return this.formatFieldsWithValues(
      Object.entries(values).map(
        ([name, value]) => [answerField(name), value] as [SignatureField, unknown],
      ),
    )
  }

  formatDemos(signature: Signature, demos: readonly unknown[]): ChatMessage[] {
    const complete: Record<string, unknown>[] = []
    const incomplete: Record<string, unknown>[] = []
    for (const demo of demos.map(demoRecord)) {
      const isComplete = signature.fields.every(
        (field) => field.name in demo && demo[field.name] != null,
      )
      const hasInput = signature.inputFields.some((field) => field.name in demo)
      const hasOutput = signature.outputFields.some((field) => field.name in demo)
      if (isComplete) complete.push(demo)
      else if (hasInput && hasOutput) incomplete.push(demo)
    }
    const messages: ChatMessage[] = []
    for (const demo of incomplete) {
      messages.push({
        role: 'user',
        content: this.formatUserMessageContent(signature, demo, { prefix: incompleteDemoPrefix }),
      })
      messages.push({
        role: 'assistant',
        content: this.formatAssistantMessageContent(
          signature,
          demo,
          'Not supplied for this particular example. ',
        ),
      })
    }
    for (const demo of complete) {
      messages.push({ role: 'user', content: this.formatUserMessageContent(signature, demo) })
      messages.push({
        role: 'assistant',
        content: this.formatAssistantMessageContent(
          signature,
          demo,
          'Not supplied for this conversation history message. ',
        ),
      })
    }
    return messages
  }

  /** The turns of a `History` input, then removes that input (DSPy's `format_conversation_history`). */
  formatConversationHistory(
    signature: Signature,
    historyFieldName: string,
    inputs: Record<string, unknown>,
  ): ChatMessage[] {
    const history = inputs[historyFieldName] as { messages?: Record<string, unknown>[] } | undefined
    if (!history?.messages) return []
    const messages: ChatMessage[] = []
    for (const turn of history.messages) {
      const user = this.formatUserMessageContent(signature, turn)
      if (user) messages.push({ role: 'user', content: user })
      const assistant = this.formatAssistantMessageContent(signature, turn)
      if (assistant) messages.push({ role: 'assistant', content: assistant })
    }
    delete inputs[historyFieldName]
    return messages
  }

  protected formatMessages(
    signature: Signature,
    demos: readonly unknown[],
    inputs: Record<string, unknown>,
  ): ChatMessage[] {
    const inputsCopy = { ...inputs }
    const historyField = signature.inputFields.find(
      (field) => field.type.kind === 'custom' && field.type.name === 'History',
    )
    const withoutHistory = historyField ? signature.delete(historyField.name) : signature
    const conversation = historyField
      ? this.formatConversationHistory(withoutHistory, historyField.name, inputsCopy)
      : []
    const messages: ChatMessage[] = [
      { role: 'system', content: this.formatSystemMessage(signature) },
    ]
    messages.push(...this.formatDemos(signature, demos))
    messages.push(...conversation)
    const content = this.formatUserMessageContent(withoutHistory, inputsCopy, { mainRequest: true })
    if (content) messages.push({ role: 'user', content })
    return messages
  }

  protected parseCompletion(signature: Signature, completion: string): Record<string, unknown> {
    const sections: [string | undefined, string[]][] = [[undefined, []]]
    for (const line of pythonSplitlines(completion)) {
      const match = fieldHeaderPattern.exec(pythonStrip(line))
      if (match) {
        const afterHeader = pythonStrip(line.slice(match[0].length))
        sections.push([match[1], afterHeader ? [afterHeader] : []])
      } else sections[sections.length - 1]![1].push(line)
    }
    const outputNames = signature.outputFields.map((field) => field.name)
    const fields: Record<string, unknown> = {}
    for (const [name, lines] of sections) {
      const field =
        name === undefined
          ? undefined
          : signature.outputFields.find((output) => output.name === name)
      if (!field || field.name in fields) continue
      const text = pythonStrip(lines.join('\n'))
      try {
        fields[field.name] = parseValue(text, field.type)
      } catch (error) {
        throw new AdapterParseError({
          adapterName: 'ChatAdapter',
          outputFieldNames: outputNames,
          lmResponse: completion,
          message: `Failed to parse field ${field.name} with value ${text} from the LM response. Error message: ${(error as Error).message}`,
          cause: error,
        })
      }
    }
    const completed = applyOutputFieldDefaults(signature, fields)
    if (Object.keys(completed).length !== outputNames.length) {
      throw new AdapterParseError({
        adapterName: 'ChatAdapter',
        outputFieldNames: outputNames,
        lmResponse: completion,
        parsedResult: completed,
      })
    }
    return completed
  }
}

/** An untyped output field, as DSPy's DummyLM describes its answers. */
export function answerField(name: string): SignatureField {
  return {
    name,
    role: 'output',
    type: { kind: 'any' },
    desc: `\${${name}}`,
    prefix: '',
    typeUndefined: true,
  }
}

/** The hint after an output field in the user message: `` (must be formatted as a valid Python int)``. */
export function outputTypeInfo(field: SignatureField): string {
  if (field.type.kind === 'custom' && field.type.name === 'ToolCalls') {
    return ' (must be a JSON object like {"tool_calls": [{"name": "...", "args": {...}}]})'
  }
  if (field.type.kind !== 'str')
    return ` (must be formatted as a valid Python ${annotationName(field.type)})`
  return ''
}
