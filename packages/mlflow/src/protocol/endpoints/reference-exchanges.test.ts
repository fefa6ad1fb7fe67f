import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { errorBodySchema } from '../errors/error-body.ts'
import type { AnyEndpoint } from './endpoint.ts'
import { decodeResponse, encodeResponse, queryFields, safeParseRequest } from './endpoint-io.ts'
import { trackingEndpoints } from './tracking-endpoints.ts'

type Exchange = {
  method: string
  path: string
  status: number
  body: unknown
  response: unknown
}

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/mlflow-3.17-exchanges.json', import.meta.url), 'utf8'),
) as { exchanges: Exchange[] }

/** Finds the endpoint of a recorded call and the path parameters it carries. */
function route(method: string, url: URL) {
  for (const endpoint of trackingEndpoints) {
    if (!endpoint.methods.includes(method as AnyEndpoint['method'])) continue
    for (const template of [endpoint.path, endpoint.ajaxPath]) {
      const pattern = template.replace(/\{(\w+)\}/g, '(?<$1>.+)')
      const match = new RegExp(`^${pattern}$`).exec(url.pathname)
      if (match) {
        const params = Object.fromEntries(
          Object.entries(match.groups ?? {}).map(([key, value]) => [
            key,
            decodeURIComponent(value),
          ]),
        )
        return { endpoint, params }
      }
    }
  }
  return undefined
}

/** MLflow writes `{}` for set-but-empty messages and omits unset ones; both read the same. */
function withoutEmptyObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyObjects)
  if (typeof value !== 'object' || value === null) return value
  const entries = Object.entries(value)
    .map(([key, item]) => [key, withoutEmptyObjects(item)] as const)
    .filter(
      ([, item]) => !(typeof item === 'object' && item !== null && Object.keys(item).length === 0),
    )
  return Object.fromEntries(entries)
}

const routed = fixture.exchanges.map((exchange) => ({
  exchange,
  match: route(exchange.method, new URL(exchange.path, 'http://localhost')),
}))

describe('recorded exchanges of the Python client with mlflow server 3.17', () => {
  it('all map to an endpoint', () => {
    const unrouted = routed.filter(({ match }) => match === undefined)
    expect(unrouted.map(({ exchange }) => `${exchange.method} ${exchange.path}`)).toEqual([])
  })

  it.each(
    routed.map(({ exchange, match }) => [`${exchange.method} ${exchange.path}`, exchange, match]),
  )('%s', (_name, exchange, match) => {
    if (match === undefined) return
    const { endpoint, params } = match
    const url = new URL(exchange.path, 'http://localhost')
    const fields =
      exchange.method === 'GET'
        ? queryFields(endpoint, url.searchParams)
        : endpoint.requestBody === 'bytes'
          ? {}
          : (exchange.body ?? {})
    const request = safeParseRequest(endpoint, { ...(fields as object), ...params })
    expect(request.success ? 'ok' : request.error.message).toBe('ok')

    if (exchange.status !== 200) {
      expect(errorBodySchema.safeParse(exchange.response).success).toBe(true)
      return
    }
    if (endpoint.responseBody === 'bytes') return
    const response = decodeResponse(endpoint, exchange.response ?? {})
    const reencoded = z.encode(endpoint.response, response)
    expect(encodeResponse(endpoint, response)).toEqual(reencoded)
    expect(withoutEmptyObjects(reencoded)).toEqual(withoutEmptyObjects(exchange.response ?? {}))
  })
})
