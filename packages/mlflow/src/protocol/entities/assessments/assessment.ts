/**
 * @module assessment
 * An assessment on a trace (spec §3.9.3): feedback (a judgement, with an optional error), an
 * expectation (a ground-truth value) or an issue reference, with its source, times, rationale
 * and metadata. Values are `google.protobuf.Value`s (any JSON value); an expectation may carry
 * its value as JSON text instead (`serializedValue`, format `JSON_FORMAT`), which is how
 * MLflow sends lists and objects. Times are `google.protobuf.Timestamp` text
 * (`"2025-06-15T14:07:41.282Z"`). Like MLflow's parsing, fields that do not fit (a non-string
 * metadata value, a non-boolean `valid`, a malformed time) are dropped rather than refused.
 */
import { z } from 'zod'
import { assessmentSourceSchema } from './assessment-source.ts'

/**
 * An error met while producing feedback (a judge that failed, say).
 *
 * @example
 * assessmentErrorSchema.parse({ errorCode: 'RATE_LIMIT_EXCEEDED', errorMessage: 'Try later' })
 */
export const assessmentErrorSchema = z.object({
  errorCode: z.string().optional(),
  errorMessage: z.string().optional(),
  stackTrace: z.string().optional(),
})

/** An assessment error, camelCase. */
export type AssessmentError = z.infer<typeof assessmentErrorSchema>

/** A `google.protobuf.Value`: any JSON value (`null` included). */
const protobufValueSchema = z.unknown()

/**
 * A feedback value: `value` (absent or `null` when the feedback is only an error) and `error`.
 *
 * @example
 * feedbackSchema.parse({ value: 0.5 })
 */
export const feedbackSchema = z.object({
  value: protobufValueSchema.optional(),
  error: assessmentErrorSchema.optional(),
})

/** A feedback value, camelCase. */
export type Feedback = z.infer<typeof feedbackSchema>

/**
 * An expectation value: a `value`, or `serializedValue` (`{ serializationFormat: 'JSON_FORMAT',
 * value: '<json>' }`), which MLflow uses for lists and objects.
 *
 * @example
 * expectationSchema.parse({ serializedValue: { serializationFormat: 'JSON_FORMAT', value: '[1, 2]' } })
 */
export const expectationSchema = z.object({
  value: protobufValueSchema.optional(),
  serializedValue: z
    .object({ serializationFormat: z.string().optional(), value: z.string().optional() })
    .optional(),
})

/** An expectation value, camelCase. */
export type Expectation = z.infer<typeof expectationSchema>

/**
 * A reference from a trace to a discovered issue (the issue's id is the assessment name).
 *
 * @example
 * issueReferenceSchema.parse({ issueName: 'Hallucination' })
 */
export const issueReferenceSchema = z.object({ issueName: z.string().optional() })

/** An issue reference, camelCase. */
export type IssueReference = z.infer<typeof issueReferenceSchema>

/**
 * An assessment. Exactly one of `feedback`, `expectation` and `issue` is set on stored ones;
 * the server fills in `assessmentId` (`a-` + 32 hex), the times and `valid` (false once another
 * assessment `overrides` it).
 *
 * @example
 * assessmentSchema.parse({
 *   assessmentName: 'correctness',
 *   source: { sourceType: 'HUMAN', sourceId: 'alice@example.com' },
 *   feedback: { value: true },
 *   rationale: 'Matches the reference answer.',
 * })
 */
export const assessmentSchema = z.object({
  assessmentId: z.string().optional(),
  assessmentName: z.string().optional(),
  traceId: z.string().optional(),
  spanId: z.string().optional(),
  source: assessmentSourceSchema.optional().catch(undefined),
  createTime: z.string().optional().catch(undefined),
  lastUpdateTime: z.string().optional().catch(undefined),
  feedback: feedbackSchema.optional().catch(() => ({})),
  expectation: expectationSchema.optional().catch(() => ({})),
  issue: issueReferenceSchema.optional().catch(() => ({})),
  rationale: z.string().optional(),
  /** Deprecated: MLflow reads the error of `feedback` instead. */
  error: assessmentErrorSchema.optional().catch(undefined),
  metadata: z.record(z.string(), z.string()).optional().catch(undefined),
  overrides: z.string().optional(),
  valid: z.boolean().optional().catch(undefined),
})

/** An assessment, camelCase. */
export type Assessment = z.infer<typeof assessmentSchema>
