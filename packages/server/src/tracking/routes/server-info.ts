/**
 * @module server-info
 * The routes outside the REST API (§3.11 of the API spec): `/health` (`OK`), `/version` (the
 * MLflow version this server answers like) and `POST /v1/traces`, which answers MLflow's
 * "not supported" so that Python clients stop exporting spans over OTLP and upload
 * `traces.json` instead.
 */
import type { Hono } from 'hono'
import { MLFLOW_COMPATIBLE_VERSION } from '../mlflow-version.ts'

/** The text Python's OTLP exporter looks for before it stops sending spans. */
export const OTLP_NOT_SUPPORTED_DETAIL =
  'REST OTLP span logging is not supported by the dspyflow tracking server yet'

const text = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })

/**
 * Registers `/health`, `/version` and `/v1/traces` on the app.
 *
 * @example
 * mountServerInfoRoutes({ app })
 * await (await app.request('/health')).text() // 'OK'
 */
export function mountServerInfoRoutes(options: { app: Hono }): void {
  const { app } = options
  app.get('/health', () => text('OK'))
  app.get('/version', () => text(MLFLOW_COMPATIBLE_VERSION))
  app.post('/v1/traces', () =>
    Response.json({ detail: OTLP_NOT_SUPPORTED_DETAIL }, { status: 501 }),
  )
}
