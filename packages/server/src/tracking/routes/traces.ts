/**
 * @module traces
 * The routes of traces v3 and the legacy v2 trace endpoints (spec §3.9), and the UI's
 * `get-trace-artifact`.
 */
import type { EndpointRoute } from './endpoint-route.ts'
import { traceArtifactRoutes } from './traces-artifact.ts'
import { traceV2Routes } from './traces-v2.ts'
import { traceV3Routes } from './traces-v3.ts'

/**
 * The routes of traces v3 and the legacy v2 trace endpoints (spec §3.9), to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: traceRoutes, services })
 */
export const traceRoutes: readonly EndpointRoute[] = [
  ...traceV3Routes,
  ...traceV2Routes,
  ...traceArtifactRoutes,
]
