/**
 * Starts the deployment tutorial's app on http://127.0.0.1:8000 (PORT to change it).
 * Uses OPENAI_API_KEY (or DSPYFLOW_LM) for a real model; without a key it answers through
 * FakeOpenAIServer with a scripted answer so the example runs offline.
 */
import * as dspy from '@dspyflow/dspy'
import { FakeOpenAIServer } from '@dspyflow/dspy/testing'
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'

const fake = process.env.OPENAI_API_KEY
  ? undefined
  : await FakeOpenAIServer.start({
      handler: () =>
        '[[ ## reasoning ## ]]\nParis is the capital and largest city of France.\n\n[[ ## answer ## ]]\nParis\n\n[[ ## completed ## ]]',
    })
const lm = fake
  ? new dspy.LM('openai/gpt-4o-mini', { apiBase: fake.url, apiKey: 'fake-key', cache: false })
  : new dspy.LM(process.env.DSPYFLOW_LM ?? 'openai/gpt-4o-mini')
dspy.configure({ lm, asyncMaxWorkers: 4 })

const app = createApp({ program: new dspy.ChainOfThought('question -> answer') })
const port = Number(process.env.PORT ?? 8000)
serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(
    `DSPy program API on http://127.0.0.1:${info.port} (${fake ? 'FakeOpenAIServer' : lm.model})`,
  )
})
