/**
 * @module assessment-store
 * Assessments (feedback, expectations, issue references) on traces: create, get, update,
 * delete, with MLflow 3.17's semantics and messages (spec §3.9.3). Implemented over SQL in
 * `sql-assessment-store.ts`; the trace store reads and writes the same table through
 * `loadTraceAssessments` / `insertTraceAssessments`.
 */
import type { Assessment, Expectation, Feedback } from '@dspyflow/mlflow/protocol'

/** Options of {@link AssessmentStore.updateAssessment}: the fields to change (others are kept). */
export interface UpdateAssessmentOptions {
  traceId: string
  assessmentId: string
  /** The new name. */
  name?: string
  /** A new feedback value and error (feedback assessments only). */
  feedback?: Feedback
  /** A new expectation value (expectation assessments only). */
  expectation?: Expectation
  /** A new rationale (kept by feedback and issues; expectations have none). */
  rationale?: string
  /** Entries merged into the metadata. */
  metadata?: Readonly<Record<string, string>>
}

/** The assessment store. Every method throws `StoreError` with MLflow's codes. */
export interface AssessmentStore {
  /**
   * Stores an assessment on a trace: the id (`a-` + 32 hex) and missing times are filled in,
   * `valid` is true, and the assessment it `overrides` (feedback only) is marked invalid.
   * `RESOURCE_DOES_NOT_EXIST` for an unknown trace or overridden assessment.
   */
  createAssessment(options: { traceId: string; assessment: Assessment }): Promise<Assessment>
  /** An assessment; `RESOURCE_DOES_NOT_EXIST` for an unknown trace or assessment. */
  getAssessment(options: { traceId: string; assessmentId: string }): Promise<Assessment>
  /**
   * Updates an assessment; its source, span, creation time, `valid` and `overrides` are kept and
   * its update time is now. `INVALID_PARAMETER_VALUE` for a feedback value on an expectation
   * (or the reverse).
   */
  updateAssessment(options: UpdateAssessmentOptions): Promise<Assessment>
  /**
   * Deletes an assessment (unknown ones are ignored); the assessment it overrode becomes valid
   * again.
   */
  deleteAssessment(options: { traceId: string; assessmentId: string }): Promise<void>
}
