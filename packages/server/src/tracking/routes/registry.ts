/**
 * @module registry
 * The routes of the model registry (spec §3.7): registered models, aliases and latest versions
 * (`registry-model-routes.ts`), model versions (`registry-version-routes.ts`).
 */
import type { EndpointRoute } from './endpoint-route.ts'
import { registeredModelRoutes } from './registry-model-routes.ts'
import { modelVersionRoutes } from './registry-version-routes.ts'

/**
 * The routes of the model registry (spec §3.7), to mount with `mountEndpointRoutes`.
 *
 * @example
 * mountEndpointRoutes({ app, routes: registryRoutes, services })
 */
export const registryRoutes: readonly EndpointRoute[] = [
  ...registeredModelRoutes,
  ...modelVersionRoutes,
]
