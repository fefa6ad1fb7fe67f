/**
 * @module endpoints
 * One descriptor per REST endpoint of the tracking API and the artifact proxy.
 */
export {
  createExperiment,
  type CreateExperimentRequest,
  type CreateExperimentResponse,
} from './experiments/create-experiment.ts'
export {
  deleteExperimentTag,
  type DeleteExperimentTagRequest,
  type DeleteExperimentTagResponse,
} from './experiments/delete-experiment-tag.ts'
export {
  deleteExperiment,
  type DeleteExperimentRequest,
  type DeleteExperimentResponse,
} from './experiments/delete-experiment.ts'
export {
  getExperimentByName,
  type GetExperimentByNameRequest,
  type GetExperimentByNameResponse,
} from './experiments/get-experiment-by-name.ts'
export {
  getExperiment,
  type GetExperimentRequest,
  type GetExperimentResponse,
} from './experiments/get-experiment.ts'
export {
  restoreExperiment,
  type RestoreExperimentRequest,
  type RestoreExperimentResponse,
} from './experiments/restore-experiment.ts'
export {
  searchDatasets,
  type SearchDatasetsRequest,
  type SearchDatasetsResponse,
} from './experiments/search-datasets.ts'
export {
  searchExperiments,
  type SearchExperimentsRequest,
  type SearchExperimentsResponse,
} from './experiments/search-experiments.ts'
export {
  setExperimentTag,
  type SetExperimentTagRequest,
  type SetExperimentTagResponse,
} from './experiments/set-experiment-tag.ts'
export {
  updateExperiment,
  type UpdateExperimentRequest,
  type UpdateExperimentResponse,
} from './experiments/update-experiment.ts'
export { createRun, type CreateRunRequest, type CreateRunResponse } from './runs/create-run.ts'
export { deleteRun, type DeleteRunRequest, type DeleteRunResponse } from './runs/delete-run.ts'
export { deleteTag, type DeleteTagRequest, type DeleteTagResponse } from './runs/delete-tag.ts'
export { getRun, type GetRunRequest, type GetRunResponse } from './runs/get-run.ts'
export {
  LOG_BATCH_LIMITS,
  logBatch,
  type LogBatchRequest,
  type LogBatchResponse,
} from './runs/log-batch.ts'
export { logInputs, type LogInputsRequest, type LogInputsResponse } from './runs/log-inputs.ts'
export { logMetric, type LogMetricRequest, type LogMetricResponse } from './runs/log-metric.ts'
export { logModel, type LogModelRequest, type LogModelResponse } from './runs/log-model.ts'
export { logOutputs, type LogOutputsRequest, type LogOutputsResponse } from './runs/log-outputs.ts'
export { logParam, type LogParamRequest, type LogParamResponse } from './runs/log-param.ts'
export { restoreRun, type RestoreRunRequest, type RestoreRunResponse } from './runs/restore-run.ts'
export {
  SEARCH_RUNS_MAX_RESULTS,
  searchRuns,
  type SearchRunsRequest,
  type SearchRunsResponse,
} from './runs/search-runs.ts'
export { setTag, type SetTagRequest, type SetTagResponse } from './runs/set-tag.ts'
export { updateRun, type UpdateRunRequest, type UpdateRunResponse } from './runs/update-run.ts'
export {
  getMetricHistoryBulkInterval,
  type GetMetricHistoryBulkIntervalRequest,
  type GetMetricHistoryBulkIntervalResponse,
  METRIC_HISTORY_BULK_INTERVAL_LIMITS,
} from './metrics/get-metric-history-bulk-interval.ts'
export {
  getMetricHistory,
  type GetMetricHistoryRequest,
  type GetMetricHistoryResponse,
} from './metrics/get-metric-history.ts'
export {
  listArtifacts,
  type ListArtifactsRequest,
  type ListArtifactsResponse,
} from './artifacts/list-artifacts.ts'
export {
  abortMultipartUpload,
  type AbortMultipartUploadRequest,
  type AbortMultipartUploadResponse,
} from './artifact-proxy/abort-multipart-upload.ts'
export { ARTIFACT_PROXY_PATH, artifactPathField } from './artifact-proxy/artifact-path.ts'
export {
  completeMultipartUpload,
  type CompleteMultipartUploadRequest,
  type CompleteMultipartUploadResponse,
} from './artifact-proxy/complete-multipart-upload.ts'
export {
  createMultipartUpload,
  type CreateMultipartUploadRequest,
  type CreateMultipartUploadResponse,
  MULTIPART_UPLOAD_NOT_SUPPORTED_MESSAGE,
} from './artifact-proxy/create-multipart-upload.ts'
export {
  deleteArtifact,
  type DeleteArtifactRequest,
  type DeleteArtifactResponse,
} from './artifact-proxy/delete-artifact.ts'
export {
  downloadArtifact,
  type DownloadArtifactRequest,
} from './artifact-proxy/download-artifact.ts'
export {
  listProxyArtifacts,
  type ListProxyArtifactsRequest,
  type ListProxyArtifactsResponse,
} from './artifact-proxy/list-proxy-artifacts.ts'
export {
  uploadArtifact,
  type UploadArtifactRequest,
  type UploadArtifactResponse,
} from './artifact-proxy/upload-artifact.ts'
export {
  type AnyEndpoint,
  defineEndpoint,
  type Endpoint,
  type EndpointRequest,
  type EndpointRequestInput,
  type EndpointResponse,
  fillPath,
  type HttpMethod,
  type RequestBody,
} from './endpoint.ts'
export {
  decodeResponse,
  encodeRequest,
  encodeResponse,
  type ParseRequestResult,
  parseRequest,
  queryFields,
  safeParseRequest,
} from './endpoint-io.ts'
export {
  type EmptyResponse,
  emptyResponseSchema,
  mlflowMessage,
  requiredString,
  withRunUuidAlias,
} from './request-fields.ts'
export { trackingEndpoints } from './tracking-endpoints.ts'
export * from './registry/index.ts'
export * from './logged-models/index.ts'
export * from './traces/index.ts'
export * from './assessments/index.ts'
