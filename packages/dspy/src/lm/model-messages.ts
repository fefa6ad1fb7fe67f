import type { ModelMessage } from 'ai'
import type { ChatContentPart, ChatMessage } from './lm-types.ts'

/**
 * The text of a message's content (text parts joined by newlines).
 *
 * @example
 * messageText([{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }]) // 'a\nb'
 */
export function messageText(content: ChatMessage['content']): string {
  if (typeof content === 'string') return content
  if (content === null || content === undefined) return ''
  return content
    .map((part) => (part.type === 'text' ? String((part as { text: unknown }).text) : ''))
    .join('\n')
}

function dataUrlMediaType(url: string, fallback: string): string {
  return /^data:([^;,]+)/.exec(url)?.[1] ?? fallback
}

type UserPart = Exclude<Extract<ModelMessage, { role: 'user' }>['content'], string>[number]

function userPart(part: ChatContentPart): UserPart {
  const record = part as Record<string, unknown>
  if (part.type === 'text') return { type: 'text', text: String(record.text) }
  if (part.type === 'image_url') {
    const url = (record.image_url as { url: string }).url
    return { type: 'image', image: new URL(url) }
  }
  if (part.type === 'file') {
    const file = record.file as { file_data?: string; file_id?: string; filename?: string }
    const data = file.file_data ?? file.file_id ?? ''
    const mediaType = dataUrlMediaType(data, 'application/octet-stream')
    return {
      type: 'file',
      data: data.startsWith('data:') ? new URL(data) : data,
      mediaType,
      filename: file.filename,
    }
  }
  if (part.type === 'input_audio') {
    const audio = record.input_audio as { data: string; format: string }
    return { type: 'file', data: audio.data, mediaType: `audio/${audio.format}` }
  }
  return { type: 'text', text: JSON.stringify(part) }
}

interface OpenAiToolCall {
  id: string
  function: { name: string; arguments: string }
}

function parseArguments(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * OpenAI chat-completions messages (what DSPy's adapters build) as AI SDK model messages: text
 * and image/file parts, assistant tool calls and tool results.
 *
 * @example
 * toModelMessages([{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hi' }])
 */
export function toModelMessages(messages: readonly ChatMessage[]): ModelMessage[] {
  const toolNames = new Map<string, string>()
  return messages.map((message): ModelMessage => {
    if (message.role === 'system' || message.role === 'developer') {
      return { role: 'system', content: messageText(message.content) }
    }
    if (message.role === 'assistant') {
      const calls = (message.tool_calls as OpenAiToolCall[] | undefined) ?? []
      if (calls.length === 0) return { role: 'assistant', content: messageText(message.content) }
      const text = messageText(message.content)
      return {
        role: 'assistant',
        content: [
          ...(text ? [{ type: 'text' as const, text }] : []),
          ...calls.map((call) => {
            toolNames.set(call.id, call.function.name)
            const input = parseArguments(call.function.arguments)
            return {
              type: 'tool-call' as const,
              toolCallId: call.id,
              toolName: call.function.name,
              input,
            }
          }),
        ],
      }
    }
    if (message.role === 'tool') {
      const toolCallId = String(message.tool_call_id ?? '')
      const toolName = toolNames.get(toolCallId) ?? String(message.name ?? 'tool')
      const output = { type: 'text' as const, value: messageText(message.content) }
      return { role: 'tool', content: [{ type: 'tool-result', toolCallId, toolName, output }] }
    }
    if (typeof message.content === 'string') return { role: 'user', content: message.content }
    return { role: 'user', content: (message.content ?? []).map(userPart) }
  })
}
