/**
 * @module updated-assessment-row
 * What MLflow 3.17's `update_assessment` makes of an assessment: the new row, computed from the
 * stored one and the fields the update mask named.
 */
import { StoreError } from '../store-error.ts'
import type { UpdateAssessmentOptions } from './assessment-store.ts'
import {
  type AssessmentRow,
  dumpError,
  dumpMetadata,
  expectationValue,
  loadMetadata,
} from './assessment-row.ts'
import { dumpPyJson, fromProtobufValue } from './py-json.ts'

/**
 * The row after an update at `now`. Source, span, creation time, `valid`, `overrides` and the
 * run id are kept; metadata is merged; an expectation loses its rationale (MLflow's expectations
 * have none); a new feedback value replaces the error too.
 *
 * @throws StoreError `INVALID_PARAMETER_VALUE` for a feedback value on an expectation, an
 *   expectation value on feedback, both at once, or an expectation without a value.
 * @example
 * const row = updatedAssessmentRow(existing, { traceId, assessmentId, rationale: 'why' }, Date.now())
 */
export function updatedAssessmentRow(
  existing: AssessmentRow,
  update: UpdateAssessmentOptions,
  now: number,
): AssessmentRow {
  if (update.expectation !== undefined && update.feedback !== undefined) {
    throw StoreError.invalidParameter(
      'Cannot specify both `expectation` and `feedback` parameters.',
    )
  }
  if (update.expectation !== undefined && existing.assessment_type !== 'expectation') {
    throw StoreError.invalidParameter('Cannot update expectation value on a Feedback assessment.')
  }
  if (update.feedback !== undefined && existing.assessment_type !== 'feedback') {
    throw StoreError.invalidParameter('Cannot update feedback value on an Expectation assessment.')
  }
  const row: AssessmentRow = {
    ...existing,
    name: update.name ?? existing.name,
    last_updated_timestamp: now,
    assessment_metadata: mergedMetadata(existing.assessment_metadata, update.metadata),
  }
  if (existing.assessment_type === 'expectation') {
    if (update.expectation !== undefined) {
      row.value = dumpPyJson(expectationValue({ expectation: update.expectation }))
    }
    row.error = null
    row.rationale = null
  } else {
    if (update.feedback !== undefined) {
      row.value = dumpPyJson(fromProtobufValue(update.feedback.value))
      row.error = dumpError(update.feedback.error)
    }
    row.rationale = update.rationale ?? existing.rationale
  }
  return row
}

function mergedMetadata(
  stored: string | null,
  update: Readonly<Record<string, string>> | undefined,
): string | null {
  const merged = { ...(stored === null ? {} : loadMetadata(stored)), ...(update ?? {}) }
  return Object.keys(merged).length === 0 ? null : dumpMetadata(merged)
}
