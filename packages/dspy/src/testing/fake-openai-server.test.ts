import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeOpenAIServer } from './fake-openai-server.ts'

let server: FakeOpenAIServer
beforeEach(async () => {
  server = await FakeOpenAIServer.start()
})
afterEach(async () => {
  await server.close()
})

const messages = [{ role: 'user', content: 'Capital of France?' }]

async function post(body: unknown, path = '/chat/completions'): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-hidden' },
    body: JSON.stringify(body),
  })
}

function sseEvents(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('data: '))
    .map((block) => block.slice('data: '.length))
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)))
}

describe('FakeOpenAIServer', () => {
  it('listens on 127.0.0.1 and answers chat completions with usage', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/)
    server.enqueue('Paris')
    const response = await post({ model: 'gpt-4o-mini', messages })
    expect(response.status).toBe(200)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Paris' }, finish_reason: 'stop' },
      ],
      usage: {
        prompt_tokens: expect.any(Number),
        completion_tokens: 2,
        total_tokens: expect.any(Number),
      },
    })
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { messages },
    })
    expect(server.requests[0]?.headers).not.toHaveProperty('authorization')
    expect(server.lastRequest?.headers['content-type']).toBe('application/json')
  })

  it('repeats a string for n choices and serves arrays as choices', async () => {
    server.enqueue('same', ['a', { content: 'b', finishReason: 'length' }])
    const repeated = (await (await post({ messages, n: 2 })).json()) as { choices: unknown[] }
    expect(repeated.choices).toHaveLength(2)
    const listed = (await (await post({ messages })).json()) as {
      choices: { message: { content: string }; finish_reason: string }[]
    }
    expect(listed.choices.map((choice) => [choice.message.content, choice.finish_reason])).toEqual([
      ['a', 'stop'],
      ['b', 'length'],
    ])
  })

  it('streams server-sent events in several deltas with a usage chunk and [DONE]', async () => {
    server.enqueue('The capital of France is Paris.')
    const response = await post({ messages, stream: true, stream_options: { include_usage: true } })
    expect(response.headers.get('content-type')).toBe('text/event-stream')
    const events = sseEvents(await response.text())
    expect(events.at(-1)).toBe('[DONE]')
    const chunks = events.slice(0, -1) as {
      choices: { delta: { content?: string }; finish_reason: string | null }[]
      usage?: { total_tokens: number }
    }[]
    const deltas = chunks.flatMap((chunk) =>
      chunk.choices.map((choice) => choice.delta.content ?? ''),
    )
    expect(deltas.filter(Boolean).length).toBeGreaterThan(1)
    expect(deltas.join('')).toBe('The capital of France is Paris.')
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop')
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { total_tokens: expect.any(Number) },
    })
  })

  it('returns scripted errors, computed replies and 404s for unknown routes', async () => {
    server.enqueue(
      { status: 429, headers: { 'retry-after': '1' } },
      (request) => `echo ${String((request.body.messages as { content: string }[])[0]?.content)}`,
    )
    const limited = await post({ messages })
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('1')
    expect(await limited.json()).toMatchObject({ error: { type: 'rate_limit_error' } })
    const echoed = (await (await post({ messages })).json()) as {
      choices: { message: { content: string } }[]
    }
    expect(echoed.choices[0]?.message.content).toBe('echo Capital of France?')
    const missing = await post({}, '/embeddings')
    expect(missing.status).toBe(404)
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } })
    expect(server.requests).toHaveLength(3)
  })

  it('uses the handler once the queue is empty, and says so when nothing is scripted', async () => {
    const withHandler = await FakeOpenAIServer.start({
      responses: ['first'],
      handler: () => 'handled',
    })
    try {
      const url = `${withHandler.url}/chat/completions`
      const ask = async () => {
        const response = await fetch(url, { method: 'POST', body: JSON.stringify({ messages }) })
        return ((await response.json()) as { choices: { message: { content: string } }[] })
          .choices[0]?.message.content
      }
      expect([await ask(), await ask()]).toEqual(['first', 'handled'])
    } finally {
      await withHandler.close()
    }
    const unscripted = await post({ messages })
    expect(unscripted.status).toBe(400)
    expect(await unscripted.json()).toMatchObject({ error: { code: 'no_scripted_reply' } })
  })

  it('answers tool calls, reasoning and legacy completions', async () => {
    server.enqueue(
      {
        content: null,
        reasoningContent: 'thinking',
        toolCalls: [{ name: 'search', arguments: { q: 'x' } }],
      },
      'Paris',
    )
    const tool = (await (await post({ messages })).json()) as {
      choices: { message: Record<string, unknown>; finish_reason: string }[]
    }
    expect(tool.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        reasoning_content: 'thinking',
        tool_calls: [{ type: 'function', function: { name: 'search', arguments: '{"q":"x"}' } }],
      },
    })
    const legacy = await (await post({ model: 'm', prompt: 'Say Paris' }, '/completions')).json()
    expect(legacy).toMatchObject({
      object: 'text_completion',
      choices: [{ text: 'Paris', index: 0 }],
    })
  })
})
