/**
 * GEPA (reflective prompt evolution), DSPy's `dspy.GEPA` with gepa 0.1.4's engine.
 *
 * @example
 * import { GEPA } from '@dspyflow/dspy'
 * const optimized = await new GEPA({ metric, reflectionLm, auto: 'light' }).compile(program, { trainset, valset })
 */
export {
  autoBudget as gepaAutoBudget,
  autoRunSettings as gepaAutoRunSettings,
  type GepaAutoLevel,
} from './auto-budget.ts'
export { GEPA, type GEPAOptions } from './gepa.ts'
export type {
  EvaluationBatch,
  GEPAFeedbackMetric,
  InstructionProposer,
  ScoreWithFeedback,
} from './gepa-adapter.ts'
export { DspyGEPAResult } from './gepa-result.ts'
export {
  extractInstruction,
  instructionProposalTemplate,
  renderInstructionProposalPrompt,
} from './instruction-proposal.ts'
export type { ReflectiveExample } from './reflective-dataset.ts'
export { FailedPrediction } from './trace-capture.ts'
