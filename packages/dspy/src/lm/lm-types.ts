/** A chat message as the OpenAI chat-completions protocol (and DSPy's adapters) shape it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'developer' | 'tool'
  content: string | ChatContentPart[]
  [key: string]: unknown
}

/** A content block of a multi-part message (text or image). */
export type ChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string } }
  | { type: string; [key: string]: unknown }

/** A tool call the model asked for. */
export interface LmToolCall {
  id?: string
  name: string
  args: Record<string, unknown>
}

/** One choice of a provider response, normalised. */
export interface LmChoice {
  text: string | null
  reasoningContent?: string
  toolCalls?: LmToolCall[]
  finishReason?: string
  logprobs?: unknown
}

/** A provider response, normalised to what DSPy reads from LiteLLM's objects. */
export interface LmResponse {
  choices: LmChoice[]
  /** Token counts in OpenAI's names: prompt_tokens, completion_tokens, total_tokens, ... */
  usage: Record<string, unknown>
  /** The model that answered, as the provider names it. */
  model?: string
  /** Cost of the call in USD, when known. */
  cost?: number
  /** Set when the response came from the cache (usage is then empty). */
  cacheHit?: boolean
}

/** What an LM call returns per choice: plain text, or a record when there is more than text. */
export type LmOutput =
  | string
  | {
      text: string | null
      reasoning_content?: string
      tool_calls?: LmToolCall[]
      logprobs?: unknown
    }

/** The request an LM sends: messages (or a prompt) plus the merged keyword arguments. */
export interface LmRequest {
  messages: ChatMessage[]
  /** LiteLLM-style snake_case keyword arguments (temperature, max_tokens, n, ...). */
  kwargs: Record<string, unknown>
}

/** One entry of an LM's history, with DSPy's keys. */
export interface LmHistoryEntry {
  prompt: string | null
  messages: ChatMessage[] | null
  kwargs: Record<string, unknown>
  response: LmResponse
  outputs: LmOutput[]
  usage: Record<string, unknown>
  cost: number | null
  timestamp: string
  uuid: string
  model: string
  response_model: string | null
  model_type: string
}
