import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { cors } from './cors.ts'
import { setResponseHeader } from './response-headers.ts'
import { securityHeaders } from './security-headers.ts'

describe('setResponseHeader', () => {
  it("adds headers to the handler's own response instead of copying it", async () => {
    let original: Response | undefined
    let final: Response | undefined
    const app = new Hono()
    app.use('*', async (context, next) => {
      await next()
      final = context.res
    })
    app.use('*', securityHeaders())
    app.use('*', cors({ allowedOrigins: [], apiPrefixes: ['/api/'] }))
    app.get('/api/x', () => {
      original = new Response('{"a":1}', { headers: { 'content-type': 'application/json' } })
      return original
    })
    const response = await app.request('/api/x', { headers: { origin: 'http://localhost:5173' } })
    expect(final).toBe(original)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(response.headers.get('vary')).toBe('Origin')
    expect(await response.text()).toBe('{"a":1}')
  })

  it('falls back to a copy when the response headers are immutable', async () => {
    const app = new Hono()
    app.use('*', async (context, next) => {
      await next()
      setResponseHeader({ context, name: 'x-test', value: 'yes' })
      setResponseHeader({ context, name: 'vary', value: 'Origin', append: true })
    })
    app.get('/moved', () => Response.redirect('http://localhost/elsewhere', 302))
    const response = await app.request('/moved')
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('http://localhost/elsewhere')
    expect(response.headers.get('x-test')).toBe('yes')
    expect(response.headers.get('vary')).toBe('Origin')
  })
})
