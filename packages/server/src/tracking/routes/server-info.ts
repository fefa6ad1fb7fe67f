/**
 * @module server-info
 * The routes outside the REST API (§3.11 of the API spec): `/health` (`OK`) and `/version` (the
 * MLflow version this server answers like; Python clients ≥ 3.4 then export spans to
 * `POST /v1/traces`, see `otlp.ts`).
 */
import type { Hono } from 'hono'
import { MLFLOW_COMPATIBLE_VERSION } from '../mlflow-version.ts'

const text = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } })

/**
 * Registers `/health` and `/version` on the app.
 *
 * @example
 * mountServerInfoRoutes({ app })
 * await (await app.request('/health')).text() // 'OK'
 */
export function mountServerInfoRoutes(options: { app: Hono }): void {
  const { app } = options
  app.get('/health', () => text('OK'))
  app.get('/version', () => text(MLFLOW_COMPATIBLE_VERSION))
}
