/**
 * The deployment tutorial's web app, with Hono instead of FastAPI: `POST /predict` answers with the
 * whole prediction, `POST /predict/stream` streams it as server-sent events.
 *
 *   npx tsx examples/deployment/serve.ts          # http://127.0.0.1:8000
 *   curl -X POST localhost:8000/predict -H 'content-type: application/json' -d '{"text": "What is the capital of France?"}'
 */
import * as dspy from '@dspyflow/dspy'
import { Hono } from 'hono'
import { z } from 'zod'

/** The request body: DSPy's tutorial uses a pydantic `Question(text: str)`. */
const Question = z.object({ text: z.string().min(1) })

/** Builds the app around an (async) program; the LM comes from the settings in force. */
export function createApp(options: { program: dspy.Module }): Hono {
  const program = dspy.asyncify(options.program)
  const streamingProgram = dspy.streamify(program)
  const app = new Hono()

  app.post('/predict', async (context) => {
    const body = Question.safeParse(await context.req.json().catch(() => undefined))
    if (!body.success)
      return context.json({ status: 'error', detail: 'Expected a JSON body {"text": "..."}.' }, 422)
    try {
      const result = await program({ question: body.data.text })
      return context.json({ status: 'success', data: result.toDict() })
    } catch (error) {
      return context.json({ status: 'error', detail: (error as Error).message }, 500)
    }
  })

  app.post('/predict/stream', async (context) => {
    const body = Question.safeParse(await context.req.json().catch(() => undefined))
    if (!body.success)
      return context.json({ status: 'error', detail: 'Expected a JSON body {"text": "..."}.' }, 422)
    const stream = streamingProgram({ question: body.data.text })
    return new Response(dspy.toReadableStream(dspy.streamingResponse(stream)), {
      headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' },
    })
  })

  return app
}
