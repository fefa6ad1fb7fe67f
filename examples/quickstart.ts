/**
 * The DSPy quickstart in TypeScript: a ChainOfThought program answers a question.
 *
 * Without OPENAI_API_KEY it runs against FakeOpenAIServer, a real chat-completions server on
 * 127.0.0.1 that answers with scripted text, so the whole path (adapter -> HTTP -> parse) runs
 * offline. With OPENAI_API_KEY set it asks the real model (DSPYFLOW_LM picks another one).
 *
 *   npx tsx examples/quickstart.ts
 */
import * as dspy from '@dspyflow/dspy'
import { FakeOpenAIServer } from '@dspyflow/dspy/testing'

const question = 'A baker makes 12 loaves a day for 5 days and sells 41. How many loaves are left?'

async function main(): Promise<void> {
  const useRealModel = Boolean(process.env.OPENAI_API_KEY)
  const server = useRealModel ? undefined : await FakeOpenAIServer.start()
  try {
    if (server) {
      server.enqueue(
        '[[ ## reasoning ## ]]\nThe baker makes 12 * 5 = 60 loaves and sells 41, so 60 - 41 = 19 are left.\n\n' +
          '[[ ## answer ## ]]\n19\n\n[[ ## completed ## ]]',
      )
    }
    const lm = server
      ? new dspy.LM('openai/gpt-4o-mini', { apiBase: server.url, apiKey: 'fake-key', cache: false })
      : new dspy.LM(process.env.DSPYFLOW_LM ?? 'openai/gpt-4o-mini')
    dspy.configure({ lm })

    const program = new dspy.ChainOfThought('question -> answer: int')
    const prediction = await program.call({ question })

    console.log(
      useRealModel
        ? `Model: ${lm.model}`
        : 'Model: FakeOpenAIServer (scripted answer; set OPENAI_API_KEY for a real model)',
    )
    console.log(prediction.toString())
    console.log('\nLM history (last call):\n')
    console.log(dspy.formatHistory(lm.history, { n: 1 }))
  } finally {
    await server?.close()
  }
}

await main()
