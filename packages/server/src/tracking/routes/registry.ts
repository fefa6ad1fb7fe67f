/**
 * @module registry
 * The routes of the model registry (spec §3.7).
 */
import type { EndpointRoute } from './endpoint-route.ts'

/**
 * The routes of the model registry (spec §3.7), to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: registryRoutes, services })
 */
export const registryRoutes: readonly EndpointRoute[] = []
