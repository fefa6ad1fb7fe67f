/**
 * @module trace-info-v3
 * `TraceInfoV3`: everything about a trace but its spans (spec §3.9.1).
 */
import { z } from 'zod'
import { assessmentSchema } from '../assessments/assessment.ts'
import { protoDurationSchema, protoTimestampSchema } from './proto-time.ts'
import { traceLocationSchema } from './trace-location.ts'
import { traceStateSchema } from './trace-state.ts'

/**
 * A trace's info. `requestTime` and `executionDuration` keep their protobuf JSON text
 * (`"2025-06-15T14:07:41.282Z"`, `"0.065s"`; see `timestampToMillis` / `durationToMillis`).
 * Metadata and tags are string maps; the server adds the tag `mlflow.artifactLocation`.
 *
 * @example
 * traceInfoV3Schema.parse({
 *   traceId: 'tr-0123456789abcdef0123456789abcdef',
 *   traceLocation: { type: 'MLFLOW_EXPERIMENT', mlflowExperiment: { experimentId: '1' } },
 *   requestTime: '2025-06-15T14:07:41.282Z',
 *   executionDuration: '0.065s',
 *   state: 'OK',
 *   traceMetadata: { 'mlflow.trace_schema.version': '3' },
 * })
 */
export const traceInfoV3Schema = z.object({
  traceId: z.string().optional(),
  clientRequestId: z.string().optional(),
  traceLocation: traceLocationSchema.optional(),
  /** Deprecated, unused. */
  request: z.string().optional(),
  /** Deprecated, unused. */
  response: z.string().optional(),
  requestPreview: z.string().optional(),
  responsePreview: z.string().optional(),
  requestTime: protoTimestampSchema.optional(),
  executionDuration: protoDurationSchema.optional(),
  state: traceStateSchema.optional(),
  traceMetadata: z.record(z.string(), z.string()).optional(),
  assessments: z.array(assessmentSchema).default([]),
  tags: z.record(z.string(), z.string()).optional(),
})

/** A v3 trace info, camelCase. */
export type TraceInfoV3 = z.infer<typeof traceInfoV3Schema>
