/**
 * @module optimizers/mipro
 * DSPy's MIPROv2: bootstrapped demo sets, grounded instruction proposal and a TPE search over
 * their combinations.
 */
export {
  AUTO_RUN_SETTINGS,
  type AutoRunMode,
  adjustedNumTrials,
  numTrialsFromCandidates,
} from './auto-settings.ts'
export type { MiproCandidateProgram, MiproTrialLog } from './candidate-program.ts'
export { createMinibatch } from './create-minibatch.ts'
export { createDatasetSummary, type CreateDatasetSummaryOptions } from './dataset-summary.ts'
export {
  DatasetDescriptor,
  DatasetDescriptorWithPriorObservations,
  ObservationSummarizer,
} from './dataset-signatures.ts'
export { GroundedProposer, type GroundedProposerOptions, TIPS } from './grounded-proposer.ts'
export type { MIPROv2CompileOptions, MIPROv2Options } from './mipro-options.ts'
export { MIPROv2 } from './mipro-v2.ts'
export type { MiproProgramStats } from './prompt-search.ts'
export {
  createExampleString,
  orderInputKeysInString,
  stripPrefix,
} from './propose-utils.ts'
export {
  DescribeModule,
  DescribeProgram,
  generateInstructionSignature,
} from './proposer-signatures.ts'
