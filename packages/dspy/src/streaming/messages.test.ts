import { afterEach, describe, expect, it } from 'vitest'
import { getWeather } from '../predict/__fixtures__/sample-tools.ts'
import { Tool } from '../predict/tool.ts'
import { context, settings } from '../settings/settings.ts'
import {
  StatusMessage,
  StatusMessageProvider,
  StatusStreamingCallback,
  StreamResponse,
} from './messages.ts'

afterEach(() => settings.reset())

function collector() {
  const sent: unknown[] = []
  return { sent, sendStream: { send: (value: unknown) => void sent.push(value) } }
}

describe('messages', () => {
  it('holds the fields of a streamed piece and of a status message', () => {
    const piece = new StreamResponse({
      predictName: 'predict',
      signatureFieldName: 'answer',
      chunk: 'Paris',
      isLastChunk: true,
    })
    expect({ ...piece }).toEqual({
      predictName: 'predict',
      signatureFieldName: 'answer',
      chunk: 'Paris',
      isLastChunk: true,
    })
    expect(new StatusMessage({ message: 'Working...' }).message).toBe('Working...')
  })

  it("has DSPy's default texts: tool start and end only", () => {
    const provider = new StatusMessageProvider()
    const start = { callId: '1', instance: getWeather, inputs: { kwargs: { city: 'Tokyo' } } }
    const end = { callId: '1', instance: getWeather, outputs: 'sunny', exception: undefined }
    expect(provider.toolStartStatusMessage(start)).toBe('Calling tool get_weather...')
    expect(provider.toolEndStatusMessage(end)).toBe(
      'Tool calling finished! Querying the LLM with tool calling results...',
    )
    expect(provider.moduleStartStatusMessage(start)).toBeUndefined()
    expect(provider.moduleEndStatusMessage(end)).toBeUndefined()
    expect(provider.lmStartStatusMessage(start)).toBeUndefined()
    expect(provider.lmEndStatusMessage(end)).toBeUndefined()
  })
})

describe('StatusStreamingCallback', () => {
  it('sends tool messages to settings.sendStream, but not for finish or «Completed.»', async () => {
    const { sent, sendStream } = collector()
    const finish = new Tool(() => 'Completed.', { name: 'finish', args: {} })
    await context({ sendStream, callbacks: [new StatusStreamingCallback()] }, async () => {
      await getWeather.call({ city: 'Tokyo' })
      await finish.call({})
    })
    expect(sent).toEqual([
      new StatusMessage({ message: 'Calling tool get_weather...' }),
      new StatusMessage({
        message: 'Tool calling finished! Querying the LLM with tool calling results...',
      }),
    ])
  })

  it('sends nothing when sendStream is not a sink', async () => {
    const callbacks = [new StatusStreamingCallback()]
    for (const sendStream of [undefined, {}]) {
      const weather = context({ sendStream, callbacks }, () => getWeather.call({ city: 'Oslo' }))
      await expect(weather).resolves.toBe('sunny in Oslo')
    }
  })

  it('uses a partial provider, falling back to the defaults for the rest', async () => {
    const { sent, sendStream } = collector()
    const callback = new StatusStreamingCallback({
      statusMessageProvider: {
        toolEndStatusMessage: ({ outputs }) => `Got ${String(outputs)}`,
        lmStartStatusMessage: () => null,
      },
    })
    await context({ sendStream, callbacks: [callback] }, () => getWeather.call({ city: 'Rome' }))
    expect(sent.map((message) => (message as StatusMessage).message)).toEqual([
      'Calling tool get_weather...',
      'Got sunny in Rome',
    ])
  })
})
