import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { startTrackingServer } from './start-tracking-server.ts'

describe('startTrackingServer', () => {
  it('serves the app and closes after requests in flight finish', async () => {
    let release: () => void = () => undefined
    const app = new Hono()
    app.get('/slow', async (context) => {
      await new Promise<void>((resolve) => {
        release = resolve
      })
      return context.text('done')
    })
    const events: string[] = []
    const server = await startTrackingServer({
      app,
      port: 0,
      onClose: async () => {
        events.push('onClose')
      },
    })
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    const slow = fetch(`${server.url}/slow`).then((response) => response.text())
    await new Promise((resolve) => setTimeout(resolve, 50))
    const closed = server.close().then(() => events.push('closed'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(events).toEqual([])
    release()
    expect(await slow).toBe('done')
    await closed
    expect(events).toEqual(['onClose', 'closed'])
    await expect(fetch(`${server.url}/slow`)).rejects.toThrow()
    expect(server.close()).toBe(server.close())
  })

  it('cuts requests that outlast the shutdown timeout', async () => {
    const app = new Hono()
    app.get('/hang', () => new Promise<Response>(() => undefined))
    const server = await startTrackingServer({ app, port: 0, shutdownTimeoutMs: 100 })
    const hanging = fetch(`${server.url}/hang`).catch((error: unknown) => error)
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await server.close()
    expect(Date.now() - started).toBeLessThan(2000)
    expect(await hanging).toBeInstanceOf(Error)
  })

  it('rejects when the port is taken', async () => {
    const first = await startTrackingServer({ app: new Hono(), port: 0 })
    await expect(startTrackingServer({ app: new Hono(), port: first.port })).rejects.toThrow(
      /EADDRINUSE/,
    )
    await first.close()
  })
})
