/**
 * @module @dspyflow/mlflow/protocol/entities
 * The tracking entities as zod schemas (camelCase) and their TypeScript types.
 */
export { type Dataset, datasetSchema } from './dataset.ts'
export { type DatasetInput, datasetInputSchema } from './dataset-input.ts'
export { type DatasetSummary, datasetSummarySchema } from './dataset-summary.ts'
export { type Experiment, experimentSchema } from './experiment.ts'
export { type ExperimentTag, experimentTagSchema } from './experiment-tag.ts'
export { type FileInfo, fileInfoSchema } from './file-info.ts'
export { type InputTag, inputTagSchema } from './input-tag.ts'
export { type LifecycleStage, lifecycleStageSchema } from './lifecycle-stage.ts'
export {
  type Metric,
  type MetricWithRunId,
  metricSchema,
  metricWithRunIdSchema,
} from './metric.ts'
export {
  type MultipartUploadCredential,
  type MultipartUploadPart,
  multipartUploadCredentialSchema,
  multipartUploadPartSchema,
} from './multipart-upload.ts'
export { type Param, paramSchema } from './param.ts'
export { doubleSchema, int64Schema, type ProtoType, protoTypes } from './proto-types.ts'
export { type Run, runSchema } from './run.ts'
export { type RunData, runDataSchema } from './run-data.ts'
export { type RunInfo, runInfoSchema } from './run-info.ts'
export {
  type ModelInput,
  modelInputSchema,
  type RunInputs,
  runInputsSchema,
} from './run-inputs.ts'
export {
  type ModelOutput,
  modelOutputSchema,
  type RunOutputs,
  runOutputsSchema,
} from './run-outputs.ts'
export {
  isTerminalRunStatus,
  RUN_STATUS_NUMBERS,
  type RunStatus,
  runStatusSchema,
} from './run-status.ts'
export { type RunTag, runTagSchema } from './run-tag.ts'
export { VIEW_TYPE_NUMBERS, type ViewType, viewTypeSchema } from './view-type.ts'
export * from './registry/index.ts'
export * from './logged-models/index.ts'
export * from './traces/index.ts'
export * from './assessments/index.ts'
