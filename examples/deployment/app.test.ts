import * as dspy from '@dspyflow/dspy'
import { FakeOpenAIServer } from '@dspyflow/dspy/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createApp } from './app.ts'

let server: FakeOpenAIServer
beforeAll(async () => {
  server = await FakeOpenAIServer.start({
    handler: () =>
      '[[ ## reasoning ## ]]\nParis is the capital.\n\n[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]',
  })
  dspy.configure({
    lm: new dspy.LM('openai/gpt-4o-mini', { apiBase: server.url, apiKey: 'k', cache: false }),
  })
})
afterAll(async () => {
  dspy.settings.reset()
  await server.close()
})

const question = { text: 'What is the capital of France?' }
const post = (path: string, body: unknown) =>
  createApp({ program: new dspy.ChainOfThought('question -> answer') }).request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

it('answers /predict with the whole prediction', async () => {
  const response = await post('/predict', question)
  expect(response.status).toBe(200)
  expect(await response.json()).toEqual({
    status: 'success',
    data: { reasoning: 'Paris is the capital.', answer: 'Paris' },
  })
})

it('streams /predict/stream as server-sent events ending with [DONE]', async () => {
  const response = await post('/predict/stream', question)
  expect(response.headers.get('content-type')).toBe('text/event-stream')
  const text = await response.text()
  const events = text.split('\n\n').filter(Boolean)
  expect(events.at(-1)).toBe('data: [DONE]')
  expect(events.some((event) => event.startsWith('data: {"chunk":'))).toBe(true)
  expect(events.at(-2)).toContain('"answer":"Paris"')
})

it('rejects a body without text', async () => {
  const response = await post('/predict', { question: 'wrong field' })
  expect(response.status).toBe(422)
})
