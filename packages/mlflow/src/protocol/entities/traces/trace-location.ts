/**
 * @module trace-location
 * Where a trace lives. OSS servers only know MLflow experiments; the inference-table form is
 * Databricks'.
 */
import { z } from 'zod'
import { protoTypes } from '../proto-types.ts'

/** The proto numbers of {@link TraceLocationType}. */
export const TRACE_LOCATION_TYPE_NUMBERS = {
  TRACE_LOCATION_TYPE_UNSPECIFIED: 0,
  MLFLOW_EXPERIMENT: 1,
  INFERENCE_TABLE: 2,
} as const

/** The kind of a {@link TraceLocation}. */
export const traceLocationTypeSchema = z.enum([
  'TRACE_LOCATION_TYPE_UNSPECIFIED',
  'MLFLOW_EXPERIMENT',
  'INFERENCE_TABLE',
])
protoTypes.add(traceLocationTypeSchema, { type: 'enum', numbers: TRACE_LOCATION_TYPE_NUMBERS })

/** `'MLFLOW_EXPERIMENT'` and the others. */
export type TraceLocationType = z.infer<typeof traceLocationTypeSchema>

/**
 * A trace location: `{ type: 'MLFLOW_EXPERIMENT', mlflowExperiment: { experimentId } }`.
 *
 * @example
 * traceLocationSchema.parse({ type: 'MLFLOW_EXPERIMENT', mlflowExperiment: { experimentId: '1' } })
 */
export const traceLocationSchema = z.object({
  type: traceLocationTypeSchema.optional(),
  mlflowExperiment: z.object({ experimentId: z.string().optional() }).optional(),
  inferenceTable: z.object({ fullTableName: z.string().optional() }).optional(),
})

/** A trace location, camelCase. */
export type TraceLocation = z.infer<typeof traceLocationSchema>

/**
 * The location of a trace in an MLflow experiment.
 *
 * @example
 * experimentTraceLocation('1') // { type: 'MLFLOW_EXPERIMENT', mlflowExperiment: { experimentId: '1' } }
 */
export function experimentTraceLocation(experimentId: string): TraceLocation {
  return { type: 'MLFLOW_EXPERIMENT', mlflowExperiment: { experimentId } }
}
