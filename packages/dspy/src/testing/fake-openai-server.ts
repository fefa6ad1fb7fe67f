import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A tool call a scripted choice makes; `arguments` may be an object (sent as its JSON). */
export interface FakeToolCall {
  id?: string
  name: string
  arguments: string | Record<string, unknown>
}

/** One scripted choice beyond plain text. */
export interface FakeChoice {
  content?: string | null
  /** Default `tool_calls` when there are tool calls, else `stop`. */
  finishReason?: string
  toolCalls?: FakeToolCall[]
  /** Sent as `reasoning_content` (what OpenAI-compatible reasoning servers return). */
  reasoningContent?: string
}

/** A scripted failure: the status, and the JSON body (OpenAI's error shape by default). */
export interface FakeErrorReply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** A scripted completion with explicit choices, usage or model. */
export interface FakeCompletionReply {
  choices: (string | FakeChoice)[]
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number }
  model?: string
}

/** A request the server received; the authorization headers are left out. */
export interface FakeRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: Record<string, unknown>
}

/**
 * What the server answers with: a string (repeated for each of the request's `n` choices), an
 * array of choices (strings or {@link FakeChoice}), one {@link FakeChoice}, a
 * {@link FakeCompletionReply}, a {@link FakeErrorReply}, or a function of the request.
 */
export type FakeReply =
  | string
  | (string | FakeChoice)[]
  | FakeChoice
  | FakeCompletionReply
  | FakeErrorReply
  | ((request: FakeRequest) => FakeReply | Promise<FakeReply>)

/** Options of {@link FakeOpenAIServer.start}. */
export interface FakeOpenAIServerOptions {
  /** Replies used in order, one per chat-completions request. */
  responses?: FakeReply[]
  /** Answers requests once the scripted replies are used up. */
  handler?: (request: FakeRequest) => FakeReply | Promise<FakeReply>
}

const hiddenHeaders = new Set(['authorization', 'x-api-key', 'api-key'])

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4))
}

function promptText(body: Record<string, unknown>): string {
  if (typeof body.prompt === 'string') return body.prompt
  const messages = Array.isArray(body.messages) ? body.messages : []
  return messages
    .map((message) => {
      const content = (message as { content?: unknown }).content
      return typeof content === 'string' ? content : JSON.stringify(content ?? '')
    })
    .join('\n')
}

/** Splits text into a few deltas (pairs of words with their spacing). */
function splitDeltas(text: string): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [text]
  const deltas: string[] = []
  for (let index = 0; index < words.length; index += 2)
    deltas.push(words.slice(index, index + 2).join(''))
  return deltas.length > 0 ? deltas : ['']
}

function toolCallsJson(calls: FakeToolCall[] | undefined, choiceIndex: number) {
  return calls?.map((call, index) => ({
    index,
    id: call.id ?? `call_fake_${choiceIndex}_${index}`,
    type: 'function',
    function: {
      name: call.name,
      arguments:
        typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    },
  }))
}

/**
 * A real OpenAI chat-completions server on 127.0.0.1 (random free port) that answers with
 * scripted replies: `POST /v1/chat/completions` (plain JSON or `stream: true` server-sent
 * events, with usage) and `POST /v1/completions`; other routes get a 404 JSON error. Every request
 * is kept in `requests` (without authorization headers).
 *
 * @example
 * const server = await FakeOpenAIServer.start()
 * server.enqueue('Paris', { status: 429 }, ['a', 'b', 'c'])
 * const lm = new LM('openai/gpt-4o-mini', { apiBase: server.url, apiKey: 'test-key' })
 * // ...
 * await server.close()
 */
export class FakeOpenAIServer {
  /** Every request received, in order. */
  readonly requests: FakeRequest[] = []
  private readonly queue: FakeReply[]
  private readonly handler: FakeOpenAIServerOptions['handler']
  private completionCount = 0

  private constructor(
    private readonly server: Server,
    options: FakeOpenAIServerOptions,
  ) {
    this.queue = [...(options.responses ?? [])]
    this.handler = options.handler
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  static async start(options: FakeOpenAIServerOptions = {}): Promise<FakeOpenAIServer> {
    const server = createServer()
    const fake = new FakeOpenAIServer(server, options)
    server.on('request', (request, response) => {
      fake.handle(request, response).catch((error: unknown) => {
        fake.sendJson(response, 500, { error: { message: String(error), type: 'server_error' } })
      })
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    return fake
  }

  /** The base URL, ending in `/v1`. */
  get url(): string {
    const { port } = this.server.address() as AddressInfo
    return `http://127.0.0.1:${port}/v1`
  }

  /** The most recent request, if any. */
  get lastRequest(): FakeRequest | undefined {
    return this.requests.at(-1)
  }

  /** Scripts the next replies, in order. */
  enqueue(...replies: FakeReply[]): this {
    this.queue.push(...replies)
    return this
  }

  /** Stops the server and drops open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const chunk of request) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    let body: Record<string, unknown> = {}
    let invalid = false
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
    } catch {
      invalid = true
    }
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => !hiddenHeaders.has(name))
        .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
    )
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    const received: FakeRequest = { method: request.method ?? 'GET', path, headers, body }
    this.requests.push(received)
    const route = `${received.method} ${path}`
    if (route !== 'POST /v1/chat/completions' && route !== 'POST /v1/completions') {
      return this.sendError(response, 404, `Unknown route: ${route}`, 'not_found')
    }
    if (invalid)
      return this.sendError(response, 400, 'The request body is not valid JSON.', 'invalid_json')
    let reply = this.queue.shift() ?? (await this.handler?.(received))
    while (typeof reply === 'function') reply = await reply(received)
    if (reply === undefined) {
      const message =
        'FakeOpenAIServer has no scripted reply left: call enqueue() or pass a handler.'
      return this.sendError(response, 400, message, 'no_scripted_reply')
    }
    if (typeof reply === 'object' && 'status' in reply) return this.sendErrorReply(response, reply)
    this.sendCompletion(response, received, reply)
  }

  private sendJson(response: ServerResponse, status: number, body: unknown, headers = {}): void {
    if (response.headersSent) return void response.end()
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(JSON.stringify(body))
  }

  private sendError(response: ServerResponse, status: number, message: string, code: string): void {
    this.sendJson(response, status, { error: { message, type: 'invalid_request_error', code } })
  }

  private sendErrorReply(response: ServerResponse, reply: FakeErrorReply): void {
    const type =
      reply.status === 429
        ? 'rate_limit_error'
        : reply.status >= 500
          ? 'server_error'
          : 'invalid_request_error'
    const body = reply.body ?? {
      error: { message: `Fake error ${reply.status}`, type, code: null },
    }
    if (typeof body === 'string') {
      response.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers })
      return void response.end(body)
    }
    this.sendJson(response, reply.status, body, reply.headers)
  }

  private sendCompletion(
    response: ServerResponse,
    request: FakeRequest,
    reply: Exclude<FakeReply, FakeErrorReply | ((request: FakeRequest) => unknown)>,
  ): void {
    const body = request.body
    const n = typeof body.n === 'number' && body.n > 1 ? body.n : 1
    const completion: FakeCompletionReply =
      typeof reply === 'string'
        ? { choices: Array.from({ length: n }, () => reply) }
        : Array.isArray(reply)
          ? { choices: reply }
          : 'choices' in reply
            ? reply
            : { choices: [reply] }
    const choices: FakeChoice[] = completion.choices.map((choice) =>
      typeof choice === 'string' ? { content: choice } : choice,
    )
    const promptTokens = completion.usage?.prompt_tokens ?? estimateTokens(promptText(body))
    const completionTokens =
      completion.usage?.completion_tokens ??
      choices.reduce((sum, choice) => sum + estimateTokens(choice.content ?? ''), 0)
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: completion.usage?.total_tokens ?? promptTokens + completionTokens,
    }
    this.completionCount++
    const isChat = request.path.endsWith('/chat/completions')
    const head = {
      id: `${isChat ? 'chatcmpl' : 'cmpl'}-fake-${this.completionCount}`,
      created: Math.floor(Date.now() / 1000),
      model: completion.model ?? (typeof body.model === 'string' ? body.model : 'fake-model'),
    }
    const finish = (choice: FakeChoice) =>
      choice.finishReason ?? (choice.toolCalls?.length ? 'tool_calls' : 'stop')
    if (!isChat) {
      const textChoices = choices.map((choice, index) => ({
        text: choice.content ?? '',
        index,
        logprobs: null,
        finish_reason: finish(choice),
      }))
      this.sendJson(response, 200, {
        ...head,
        object: 'text_completion',
        choices: textChoices,
        usage,
      })
      return
    }
    if (body.stream !== true) {
      const messageChoices = choices.map((choice, index) => ({
        index,
        message: {
          role: 'assistant',
          content: choice.content === undefined ? null : choice.content,
          ...(choice.toolCalls ? { tool_calls: toolCallsJson(choice.toolCalls, index) } : {}),
          ...(choice.reasoningContent ? { reasoning_content: choice.reasoningContent } : {}),
        },
        logprobs: null,
        finish_reason: finish(choice),
      }))
      this.sendJson(response, 200, {
        ...head,
        object: 'chat.completion',
        choices: messageChoices,
        usage,
      })
      return
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    const send = (choicesPart: unknown[], extra: Record<string, unknown> = {}) =>
      response.write(
        `data: ${JSON.stringify({ ...head, object: 'chat.completion.chunk', choices: choicesPart, ...extra })}\n\n`,
      )
    choices.forEach((choice, index) => {
      const delta = (value: Record<string, unknown>) =>
        send([{ index, delta: value, logprobs: null, finish_reason: null }])
      delta({ role: 'assistant', content: '' })
      if (choice.reasoningContent) delta({ reasoning_content: choice.reasoningContent })
      if (choice.content) for (const piece of splitDeltas(choice.content)) delta({ content: piece })
      if (choice.toolCalls) delta({ tool_calls: toolCallsJson(choice.toolCalls, index) })
      send([{ index, delta: {}, logprobs: null, finish_reason: finish(choice) }])
    })
    const streamOptions = body.stream_options as { include_usage?: boolean } | undefined
    if (streamOptions?.include_usage) send([], { usage })
    response.end('data: [DONE]\n\n')
  }
}
