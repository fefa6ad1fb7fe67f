import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { LM } from '../lm/lm.ts'
import { Predict } from '../predict/predict.ts'
import { configure, settings } from '../settings/settings.ts'
import { Signature } from '../signatures/signature.ts'
import { FakeOpenAIServer } from '../testing/fake-openai-server.ts'
import { JSONAdapter } from './json-adapter.ts'
import { structuredOutputsSchema } from './structured-outputs-schema.ts'

let server: FakeOpenAIServer
beforeAll(async () => {
  server = await FakeOpenAIServer.start()
})
afterAll(() => server.close())
afterEach(() => settings.reset())

describe('JSONAdapter structured outputs', () => {
  it('builds the DSPyProgramOutputs schema DSPy sends', () => {
    // The schema Python DSPy 3.3.1 builds for `answer: str, n: int` (spec §2.7, verified there).
    expect(structuredOutputsSchema(new Signature('question -> answer: str, n: int'))).toEqual({
      additionalProperties: false,
      properties: {
        answer: { title: 'Answer', type: 'string' },
        n: { title: 'N', type: 'integer' },
      },
      required: ['answer', 'n'],
      title: 'DSPyProgramOutputs',
      type: 'object',
    })
  })

  it('asks an OpenAI model for a JSON schema and parses the JSON answer', async () => {
    server.enqueue('{"answer": "Paris", "n": 1}')
    const lm = new LM('openai/gpt-4o-mini', {
      apiBase: server.url,
      apiKey: 'test-key',
      cache: false,
    })
    configure({ lm, adapter: new JSONAdapter() })
    const prediction = await new Predict('question -> answer: str, n: int').call({
      question: 'Capital?',
    })
    expect(prediction.toDict()).toEqual({ answer: 'Paris', n: 1 })
    const body = server.requests.at(-1)!.body as {
      response_format?: { type: string; json_schema?: { name: string } }
    }
    expect(body.response_format?.type).toBe('json_schema')
    expect(body.response_format?.json_schema?.name).toBe('DSPyProgramOutputs')
  })

  it('uses JSON mode when an output is an open-ended dict', async () => {
    server.enqueue('{"facts": {"capital": "Paris"}}')
    const lm = new LM('openai/gpt-4o-mini', {
      apiBase: server.url,
      apiKey: 'test-key',
      cache: false,
    })
    configure({ lm, adapter: new JSONAdapter() })
    const prediction = await new Predict('question -> facts: dict[str, Any]').call({
      question: 'France?',
    })
    expect(prediction.facts).toEqual({ capital: 'Paris' })
    const body = server.requests.at(-1)!.body as { response_format?: { type: string } }
    expect(body.response_format?.type).toBe('json_object')
  })
})
