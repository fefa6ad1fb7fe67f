/**
 * @module trace-preview
 * The request / response previews MLflow derives from a root span's inputs and outputs: the
 * text of the last chat message of the role when the value holds chat messages (OpenAI chat,
 * Responses API, `choices`), else the JSON text; cut to 1000 characters with `...`.
 */

const MAX_PREVIEW_LENGTH = 1000

type Json = Record<string, unknown>

function isMessage(item: unknown): item is Json {
  return typeof item === 'object' && item !== null && 'role' in item && 'content' in item
}

function extractMessages(value: unknown): Json[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const object = value as Json
  const list = (items: unknown) =>
    Array.isArray(items) && items.length > 0 ? items.filter(isMessage) : undefined
  if (list(object.messages)) return list(object.messages)
  const choices = object.choices
  if (Array.isArray(choices) && choices.length > 0) {
    const first = choices[0] as Json | undefined
    if (typeof first === 'object' && first !== null && isMessage(first.message)) {
      return [first.message as Json]
    }
  }
  if (list(object.input)) return list(object.input)
  if (list(object.output)) return list(object.output)
  if ('request' in object) return extractMessages(object.request)
  return undefined
}

function messageText(message: Json): string {
  const content = message.content
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    for (const part of content) {
      if (typeof part === 'string') return part
      const item = part as Json
      if (
        typeof item === 'object' &&
        item !== null &&
        ['text', 'output_text'].includes(String(item.type))
      ) {
        return typeof item.text === 'string' ? item.text : ''
      }
    }
  }
  return ''
}

/**
 * The preview of a span attribute value (JSON text), for `role` `user` (request) or `assistant`
 * (response).
 *
 * @example
 * truncatedPreview({ text: '{"messages": [{"role": "user", "content": "hi"}]}', role: 'user' }) // 'hi'
 */
export function truncatedPreview(options: { text: string; role: 'user' | 'assistant' }): string {
  let content: string | undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(options.text)
  } catch {
    parsed = undefined
  }
  const messages = extractMessages(parsed)
  if (messages !== undefined && messages.length > 0) {
    const last =
      [...messages].reverse().find((message) => message.role === options.role) ?? messages.at(-1)
    content = last === undefined ? undefined : messageText(last)
  }
  const text = content || options.text
  const characters = Array.from(text)
  if (characters.length <= MAX_PREVIEW_LENGTH) return text
  return `${characters.slice(0, MAX_PREVIEW_LENGTH - 3).join('')}...`
}
