/**
 * @module otlp
 * OTLP/HTTP span ingestion at `POST /v1/traces` (spec §3.9.4).
 */
import type { Hono } from 'hono'
import type { TrackingRouteServices } from './route-services.ts'

/** Options of {@link mountOtlpRoutes}. */
export interface MountOtlpRoutesOptions {
  app: Hono
  services: TrackingRouteServices
}

/**
 * Mounts `POST /v1/traces`.
 *
 * @example
 * mountOtlpRoutes({ app, services })
 */
export function mountOtlpRoutes(_options: MountOtlpRoutesOptions): void {}
