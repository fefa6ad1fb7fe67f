/**
 * @module traces
 * The routes of traces v3 and the legacy v2 trace endpoints (spec §3.9).
 */
import type { EndpointRoute } from './endpoint-route.ts'

/**
 * The routes of traces v3 and the legacy v2 trace endpoints (spec §3.9), to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: traceRoutes, services })
 */
export const traceRoutes: readonly EndpointRoute[] = []
