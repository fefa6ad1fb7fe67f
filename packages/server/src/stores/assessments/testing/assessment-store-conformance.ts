/**
 * @module assessment-store-conformance
 * One test suite every SQL backend of the assessment store must pass (SQLite, PostgreSQL).
 */
import { describe } from 'vitest'
import { assessmentCreateCases } from './assessment-create-cases.ts'
import {
  createAssessmentStoreHarness,
  type OpenAssessmentBackend,
} from './assessment-store-harness.ts'
import { assessmentTraceCases } from './assessment-trace-cases.ts'
import { assessmentUpdateCases } from './assessment-update-cases.ts'

/** Options of {@link runAssessmentStoreConformance}. */
export interface AssessmentStoreConformanceOptions {
  /** The backend's name in test titles. */
  name: string
  openBackend: OpenAssessmentBackend
}

/**
 * Registers the suite for one backend.
 *
 * @example
 * runAssessmentStoreConformance({ name: 'sqlite', openBackend })
 */
export function runAssessmentStoreConformance(options: AssessmentStoreConformanceOptions): void {
  describe(`AssessmentStore conformance: ${options.name}`, () => {
    const open = createAssessmentStoreHarness(options.openBackend)
    assessmentCreateCases(open)
    assessmentUpdateCases(open)
    assessmentTraceCases(open)
  })
}
