/**
 * @module assessment-row
 * An assessment as a row of the `assessments` table, and the conversions MLflow 3.17 makes on
 * the way in (`Assessment.from_proto` then `SqlAssessments.from_mlflow_entity`) and out
 * (`to_mlflow_entity` then `to_proto`): which fields each kind keeps (expectations drop
 * rationale and `overrides`), values stored as Python `json.dumps` text, expectation lists and
 * objects returned as `serialized_value` JSON text, times as Timestamps.
 */
import type { Assessment, AssessmentSourceType } from '@dspyflow/mlflow/protocol'
import { millisToTimestamp, timestampToMillis } from '@dspyflow/mlflow/protocol'
import { StoreError } from '../store-error.ts'
import {
  dumpPyJson,
  fromProtobufValue,
  type PyJson,
  type PyObject,
  parsePyJson,
  toPlainJson,
} from './py-json.ts'

/** The kinds of assessment, as the `assessment_type` column holds them. */
export type AssessmentType = 'feedback' | 'expectation' | 'issue'

/** One row of the `assessments` table. */
export interface AssessmentRow {
  assessment_id: string
  trace_id: string
  name: string
  assessment_type: AssessmentType
  /** `json.dumps` of the value (`{"issue_name": …}` for issues). */
  value: string
  /** `json.dumps` of `{error_code, error_message, stack_trace}` (feedback only). */
  error: string | null
  created_timestamp: number
  last_updated_timestamp: number
  source_type: string
  source_id: string | null
  run_id: string | null
  span_id: string | null
  rationale: string | null
  overrides: string | null
  /** 1 or 0. */
  valid: number
  /** `json.dumps` of the metadata map, or null when it is empty. */
  assessment_metadata: string | null
}

/** The metadata key whose value MLflow copies into the `run_id` column. */
export const SOURCE_RUN_ID_METADATA_KEY = 'mlflow.assessment.sourceRunId'

const SERIALIZATION_FORMAT = 'JSON_FORMAT'
const STACK_TRACE_LIMIT = 10_000
const STACK_TRACE_PREFIX = '[Stack trace is truncated]\n...\n'

/** Options of {@link newAssessmentRow}. */
export interface NewAssessmentRowOptions {
  assessment: Assessment
  traceId: string
  /** Epoch milliseconds, for times the assessment does not carry. */
  now: number
  /** An id for an assessment that has none. */
  newId: () => string
}

/**
 * The row MLflow stores for an assessment a client sent.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for an assessment of no known kind, an
 *   expectation without value, or a serialized value that is not `JSON_FORMAT` JSON.
 * @example
 * const row = newAssessmentRow({ assessment, traceId, now: Date.now(), newId: () => 'a-1' })
 */
export function newAssessmentRow(options: NewAssessmentRowOptions): AssessmentRow {
  const { assessment, traceId, now } = options
  const kind = assessmentKind(assessment)
  const metadata = assessment.metadata ?? {}
  const hasMetadata = Object.keys(metadata).length > 0
  let value: PyJson
  let error: string | null = null
  if (kind === 'feedback') {
    value = fromProtobufValue(assessment.feedback?.value)
    error = dumpError(assessment.feedback?.error)
  } else if (kind === 'expectation') {
    value = expectationValue(assessment)
  } else {
    value = new Map([['issue_name', assessment.issue?.issueName ?? '']])
  }
  return {
    assessment_id: assessment.assessmentId || options.newId(),
    trace_id: traceId,
    name: assessment.assessmentName ?? '',
    assessment_type: kind,
    value: dumpPyJson(value),
    error,
    created_timestamp: timeOrNow(assessment.createTime, now),
    last_updated_timestamp: timeOrNow(assessment.lastUpdateTime, now),
    source_type: assessment.source?.sourceType ?? 'SOURCE_TYPE_UNSPECIFIED',
    source_id: assessment.source?.sourceId || null,
    run_id: metadata[SOURCE_RUN_ID_METADATA_KEY] ?? null,
    span_id: assessment.spanId || null,
    rationale: kind === 'expectation' ? null : assessment.rationale || null,
    overrides: kind === 'feedback' ? assessment.overrides || null : null,
    valid: 1,
    assessment_metadata: hasMetadata ? dumpMetadata(metadata) : null,
  }
}

/**
 * The kind of a sent assessment.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` when it is none or several.
 */
function assessmentKind(assessment: Assessment): AssessmentType {
  const kinds = (['feedback', 'expectation', 'issue'] as const).filter(
    (kind) => assessment[kind] !== undefined,
  )
  if (kinds.length === 0) throw StoreError.invalidParameter('Unknown assessment type: None')
  if (kinds.length > 1) {
    throw StoreError.invalidParameter(
      'Exactly one of `expectation`, `feedback`, or `issue` should be specified.',
    )
  }
  return kinds[0] as AssessmentType
}

/**
 * The value of a sent expectation: its serialized JSON or its protobuf Value.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` (MLflow's messages).
 */
export function expectationValue(assessment: Pick<Assessment, 'expectation'>): PyJson {
  const expectation = assessment.expectation ?? {}
  let value: PyJson
  if (expectation.serializedValue !== undefined) {
    const format = expectation.serializedValue.serializationFormat ?? ''
    if (format !== SERIALIZATION_FORMAT) {
      throw StoreError.invalidParameter(
        `Unknown serialization format: ${format}. Only JSON_FORMAT is supported.`,
      )
    }
    try {
      value = parsePyJson(expectation.serializedValue.value ?? '')
    } catch (cause) {
      throw StoreError.invalidParameter(
        'The serialized value of the expectation is not valid JSON.',
        cause,
      )
    }
  } else {
    value = fromProtobufValue(expectation.value)
  }
  if (value === null) throw StoreError.invalidParameter('The `value` field must be specified.')
  return value
}

/** `json.dumps` of an assessment error's dictionary, or null without an error. */
export function dumpError(error: NonNullable<Assessment['feedback']>['error']): string | null {
  if (error === undefined) return null
  return dumpPyJson(
    new Map<string, PyJson>([
      ['error_code', error.errorCode ?? ''],
      ['error_message', error.errorMessage || null],
      ['stack_trace', error.stackTrace || null],
    ]),
  )
}

/** `json.dumps` of a metadata map. */
export function dumpMetadata(metadata: Readonly<Record<string, string>>): string {
  return dumpPyJson(new Map(Object.entries(metadata)))
}

function timeOrNow(timestamp: string | undefined, now: number): number {
  const millis = timestamp === undefined ? undefined : timestampToMillis(timestamp)
  return millis === undefined || millis === 0 ? now : millis
}

/**
 * The assessment a row stands for, as MLflow returns it.
 *
 * @example
 * const assessment = rowToAssessment(row)
 * assessment.feedback?.value // 0.5
 */
export function rowToAssessment(row: AssessmentRow): Assessment {
  const value = parsePyJson(row.value)
  const assessment: Assessment = {
    assessmentId: row.assessment_id,
    assessmentName: row.name,
    traceId: row.trace_id,
    source: {
      sourceType: row.source_type as AssessmentSourceType,
      ...(row.source_id === null ? {} : { sourceId: row.source_id }),
    },
    createTime: millisToTimestamp(Number(row.created_timestamp)),
    lastUpdateTime: millisToTimestamp(Number(row.last_updated_timestamp)),
  }
  if (row.span_id !== null) assessment.spanId = row.span_id
  if (row.assessment_type === 'feedback') {
    assessment.feedback = { value: toPlainJson(value) }
    if (row.error !== null) assessment.feedback.error = loadError(row.error)
  } else if (row.assessment_type === 'expectation') {
    assessment.expectation = needsSerialization(value)
      ? { serializedValue: { serializationFormat: SERIALIZATION_FORMAT, value: dumpPyJson(value) } }
      : { value: toPlainJson(value) }
  } else {
    const issueName = value instanceof Map ? value.get('issue_name') : undefined
    assessment.issue = { issueName: typeof issueName === 'string' ? issueName : '' }
  }
  // Expectations drop their rationale; issues and feedback keep it.
  if (row.rationale !== null && row.assessment_type !== 'expectation') {
    assessment.rationale = row.rationale
  }
  const metadata =
    row.assessment_metadata === null ? undefined : loadMetadata(row.assessment_metadata)
  if (metadata !== undefined && Object.keys(metadata).length > 0) assessment.metadata = metadata
  if (row.overrides) assessment.overrides = row.overrides
  assessment.valid = Number(row.valid) === 1
  return assessment
}

/** Lists and objects travel as `serialized_value` JSON text; scalars as a protobuf Value. */
function needsSerialization(value: PyJson): boolean {
  return Array.isArray(value) || value instanceof Map
}

function loadError(text: string): NonNullable<NonNullable<Assessment['feedback']>['error']> {
  const parsed = parsePyJson(text)
  const field = (name: string) => {
    const item = parsed instanceof Map ? parsed.get(name) : undefined
    return typeof item === 'string' ? item : undefined
  }
  const stackTrace = field('stack_trace')
  return {
    errorCode: field('error_code') ?? '',
    ...(field('error_message') ? { errorMessage: field('error_message') } : {}),
    ...(stackTrace ? { stackTrace: truncateStackTrace(stackTrace) } : {}),
  }
}

function truncateStackTrace(stackTrace: string): string {
  if (stackTrace.length <= STACK_TRACE_LIMIT) return stackTrace
  return STACK_TRACE_PREFIX + stackTrace.slice(-(STACK_TRACE_LIMIT - STACK_TRACE_PREFIX.length))
}

/**
 * The metadata map of a row (values as Python's `str()` of what was stored).
 *
 * @example
 * loadMetadata('{"k": "v"}') // { k: 'v' }
 */
export function loadMetadata(text: string): Record<string, string> {
  const parsed = parsePyJson(text)
  const result: Record<string, string> = {}
  if (!(parsed instanceof Map)) return result
  for (const [key, item] of parsed as PyObject) {
    if (key === '__proto__') continue
    result[key] = typeof item === 'string' ? item : dumpPyJson(item)
  }
  return result
}
