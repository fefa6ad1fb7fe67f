/**
 * @module request-fields
 * Building blocks of request schemas, so that each endpoint file states only its fields.
 */
import { z } from 'zod'
import { protoTypes } from '../entities/proto-types.ts'
import type { MlflowIssueParams } from '../errors/request-validation-error.ts'

/**
 * A required string. MLflow's `_assert_required` treats an empty string like an absent value, so
 * both fail with "Missing value for required parameter '…'".
 *
 * @example
 * z.object({ experimentId: requiredString() }).safeParse({ experimentId: '' }).success // false
 */
export function requiredString() {
  return z.string().min(1)
}

/**
 * Lets a request read the deprecated `run_uuid` when `run_id` is absent, as MLflow does for
 * GetRun, UpdateRun, LogMetric, LogParam, SetTag, ListArtifacts and GetMetricHistory. The wire
 * codec also writes `run_uuid` beside `run_id`, as the Python client does.
 *
 * @example
 * const getRunRequest = withRunUuidAlias(z.object({ runId: requiredString() }))
 */
export function withRunUuidAlias<S extends z.ZodObject>(schema: S): S {
  protoTypes.add(schema, { type: 'message', aliases: { runId: 'run_uuid' } })
  return schema
}

/**
 * Marks a repeated field that reads as absent (so its default applies) when the JSON holds
 * something other than a list. MLflow does this where its handler's schema has no
 * `_assert_array` for the field: protobuf's parsing fails on `"tags": "not-a-list"`, the failure
 * is swallowed, and the request goes ahead without the field (CreateRun's `tags`).
 *
 * @example
 * z.object({ tags: listOrAbsent(z.array(runTagSchema)).default([]) })
 */
export function listOrAbsent<S extends z.ZodArray>(schema: S): S {
  protoTypes.add(schema, { type: 'listOrAbsent' })
  return schema
}

/**
 * Issue parameters that make a check's message reach the client as written (see
 * `requestValidationError`). `schema` appends MLflow's API-docs hint, `verbatim` does not.
 *
 * @example
 * z.array(z.string()).refine((ids) => ids.length <= 100, {
 *   message: 'At most 100 run ids.',
 *   params: mlflowMessage('schema'),
 * })
 */
export function mlflowMessage(kind: MlflowIssueParams['mlflowMessage']): MlflowIssueParams {
  return { mlflowMessage: kind }
}

/**
 * The response of RPCs that return nothing: `{}`.
 *
 * @example
 * emptyResponseSchema.parse({}) // {}
 */
export const emptyResponseSchema = z.object({})

/** The empty response, `{}`. */
export type EmptyResponse = z.infer<typeof emptyResponseSchema>
