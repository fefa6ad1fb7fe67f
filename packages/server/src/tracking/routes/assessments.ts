/**
 * @module assessments
 * The routes of assessments on traces (spec §3.9.3).
 */
import type { EndpointRoute } from './endpoint-route.ts'

/**
 * The routes of assessments on traces (spec §3.9.3), to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: assessmentRoutes, services })
 */
export const assessmentRoutes: readonly EndpointRoute[] = []
