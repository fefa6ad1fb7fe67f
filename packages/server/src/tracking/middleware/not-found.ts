/**
 * @module not-found
 * The answer to routes this server does not have: MLflow's (Flask's) HTML 404 page. It must not
 * be JSON: the Python client reads a non-JSON 404 as `ENDPOINT_NOT_FOUND`, which drives its
 * fallbacks to older endpoints (StartTraceV3 → StartTrace, POST → GET get-latest-versions).
 */
import type { Context } from 'hono'

/** Werkzeug's `NotFound` page, as the reference server sends it. */
export const NOT_FOUND_HTML =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server. If you entered the URL manually please ' +
  'check your spelling and try again.</p>\n'

/**
 * The `app.notFound` handler: `404 text/html`.
 *
 * @example
 * app.notFound(notFoundHandler)
 */
export function notFoundHandler(_context: Context): Response {
  return new Response(NOT_FOUND_HTML, {
    status: 404,
    headers: { 'content-type': 'text/html; charset=utf-8' },
  })
}
