/**
 * @module request-fields
 * Reads an endpoint's request fields the way MLflow's server does (§1.2 of the API spec): GET
 * from the query string; POST and PUT from a JSON body that must be sent as
 * `application/json`; PATCH and DELETE from an optional JSON body plus the query string; path
 * parameters on top. The result goes to `safeParseRequest`.
 */
import {
  type AnyEndpoint,
  MlflowError,
  parseJsonBigIntSafe,
  queryFields,
  type WireObject,
  type WireValue,
} from '@dspyflow/mlflow/protocol'
import type { Context } from 'hono'
import { readBodyText, readIncomingBodyText, unreadIncoming } from './read-body.ts'

/** The content types MLflow accepts on POST and PUT JSON requests. */
const JSON_CONTENT_TYPES = ['application/json']

/** Options of {@link readRequestFields}. */
export interface ReadRequestFieldsOptions {
  context: Context
  endpoint: AnyEndpoint
  /** The largest JSON body accepted, in bytes (larger ones are answered 413). */
  maxRequestBytes: number
}

/**
 * The snake_case request fields of one request.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE` for a missing or wrong `Content-Type` on POST and
 *   PUT, or a body that is not a JSON object; 413 for a body over the limit.
 * @example
 * const fields = await readRequestFields({ context, endpoint: getRun, maxRequestBytes: 1 << 20 })
 * const { runId } = parseRequest(getRun, fields)
 */
export async function readRequestFields(options: ReadRequestFieldsOptions): Promise<WireObject> {
  const { context, endpoint } = options
  const maxBytes = options.maxRequestBytes
  const body = () => {
    const incoming = unreadIncoming(context.env)
    return incoming === undefined
      ? readBodyText({ request: context.req.raw, maxBytes })
      : readIncomingBodyText({ incoming, maxBytes })
  }
  const method = context.req.method
  const query = () => queryFields(endpoint, new URL(context.req.url).searchParams)
  let fields: WireObject
  if (method === 'GET' || method === 'HEAD') {
    fields = query()
  } else if (method === 'POST' || method === 'PUT') {
    checkJsonContentType(context.req.header('content-type'))
    fields = parseJsonObject(await body(), true)
  } else {
    fields = { ...query(), ...parseJsonObject(await body(), false) }
  }
  for (const name of endpoint.pathParams) {
    const value = context.req.param(name)
    if (value !== undefined) fields[name] = value
  }
  return fields
}

function checkJsonContentType(header: string | undefined): void {
  if (header === undefined || header.trim() === '') {
    throw MlflowError.invalidParameterValue('Bad Request. Content-Type header is missing.')
  }
  // MLflow 3.17 compares the media type as sent: `APPLICATION/JSON` is refused there too.
  const mediaType = header.split(';')[0] ?? ''
  if (!JSON_CONTENT_TYPES.includes(mediaType)) {
    throw MlflowError.invalidParameterValue(
      `Bad Request. Content-Type must be one of ${pythonList(JSON_CONTENT_TYPES)}.`,
    )
  }
}

/**
 * An empty body is `{}`; a JSON string holding JSON is parsed again (legacy clients post
 * double-encoded bodies). `strict` bodies (POST, PUT) must be a JSON object; lenient ones
 * (PATCH, DELETE) read anything else as `{}`, as MLflow does.
 */
function parseJsonObject(text: string, strict: boolean): WireObject {
  if (text.trim() === '') return {}
  let value: WireValue
  try {
    value = parseJsonBigIntSafe(text)
    if (typeof value === 'string') value = parseJsonBigIntSafe(value)
  } catch (error) {
    if (!strict) return {}
    throw MlflowError.invalidParameterValue('Malformed JSON in the request body.', error)
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value
  if (!strict) return {}
  throw MlflowError.invalidParameterValue('The request body must be a JSON object.')
}

function pythonList(items: readonly string[]): string {
  return `[${items.map((item) => `'${item}'`).join(', ')}]`
}
