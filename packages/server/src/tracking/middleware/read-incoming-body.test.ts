import { createServer, type IncomingMessage, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { readIncomingBodyText, unreadIncoming } from './read-body.ts'

let server: Server | undefined
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined))
  server = undefined
})

/** A Node server whose handler reads the body with `readIncomingBodyText`. */
async function listen(maxBytes: number): Promise<{ url: string; outcomes: string[] }> {
  const outcomes: string[] = []
  server = createServer((incoming: IncomingMessage, response) => {
    expect(unreadIncoming({ incoming })).toBe(incoming)
    readIncomingBodyText({ incoming, maxBytes }).then(
      (text) => {
        outcomes.push(`text:${text}`)
        expect(unreadIncoming({ incoming })).toBeUndefined()
        response.end('ok')
      },
      (error: Error & { httpStatus?: number }) => {
        outcomes.push(`error:${error.httpStatus ?? error.message}`)
        if (!response.destroyed) response.end('error')
      },
    )
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, outcomes }
}

function post(url: string, chunks: string[], declaredLength?: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers = declaredLength === undefined ? {} : { 'content-length': String(declaredLength) }
    const outgoing = httpRequest(url, { method: 'POST', headers }, (response) => {
      let body = ''
      response.on('data', (chunk) => {
        body += chunk
      })
      response.on('end', () => resolve(body))
    })
    outgoing.on('error', reject)
    for (const chunk of chunks) outgoing.write(chunk)
    outgoing.end()
  })
}

describe('readIncomingBodyText', () => {
  it('reads declared and chunked bodies whole', async () => {
    const { url, outcomes } = await listen(1024)
    await post(url, ['{"a":', '1}'])
    await post(url, ['{"b":2}'], 7)
    await post(url, [])
    expect(outcomes).toEqual(['text:{"a":1}', 'text:{"b":2}', 'text:'])
  })

  it('refuses bodies over the limit with 413, declared or as they stream', async () => {
    const { url, outcomes } = await listen(16)
    await post(url, ['x'.repeat(20)], 20)
    await post(
      url,
      Array.from({ length: 5 }, () => 'y'.repeat(10)),
    )
    expect(outcomes).toEqual(['error:413', 'error:413'])
  })

  it('fails instead of hanging when the client goes away mid-body', async () => {
    const { url, outcomes } = await listen(1 << 20)
    await new Promise<void>((resolve) => {
      const outgoing = httpRequest(url, { method: 'POST', headers: { 'content-length': '100' } })
      outgoing.on('error', () => resolve())
      outgoing.write('{"partial":')
      setTimeout(() => {
        outgoing.destroy()
        resolve()
      }, 50)
    })
    for (let waited = 0; outcomes.length === 0 && waited < 2000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(outcomes).toHaveLength(1)
    expect(outcomes[0]).toMatch(/^error:/)
  })
})

describe('unreadIncoming', () => {
  it('is undefined without a Node request (in-process app.request)', () => {
    expect(unreadIncoming(undefined)).toBeUndefined()
    expect(unreadIncoming({})).toBeUndefined()
  })
})
