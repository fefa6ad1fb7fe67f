import type { AnyEndpoint } from './endpoint.ts'
import { createExperiment } from './experiments/create-experiment.ts'
import { deleteExperimentTag } from './experiments/delete-experiment-tag.ts'
import { deleteExperiment } from './experiments/delete-experiment.ts'
import { getExperimentByName } from './experiments/get-experiment-by-name.ts'
import { getExperiment } from './experiments/get-experiment.ts'
import { restoreExperiment } from './experiments/restore-experiment.ts'
import { searchDatasets } from './experiments/search-datasets.ts'
import { searchExperiments } from './experiments/search-experiments.ts'
import { setExperimentTag } from './experiments/set-experiment-tag.ts'
import { updateExperiment } from './experiments/update-experiment.ts'
import { createRun } from './runs/create-run.ts'
import { deleteRun } from './runs/delete-run.ts'
import { deleteTag } from './runs/delete-tag.ts'
import { getRun } from './runs/get-run.ts'
import { logBatch } from './runs/log-batch.ts'
import { logInputs } from './runs/log-inputs.ts'
import { logMetric } from './runs/log-metric.ts'
import { logModel } from './runs/log-model.ts'
import { logOutputs } from './runs/log-outputs.ts'
import { logParam } from './runs/log-param.ts'
import { restoreRun } from './runs/restore-run.ts'
import { searchRuns } from './runs/search-runs.ts'
import { setTag } from './runs/set-tag.ts'
import { updateRun } from './runs/update-run.ts'
import { getMetricHistoryBulkInterval } from './metrics/get-metric-history-bulk-interval.ts'
import { getMetricHistory } from './metrics/get-metric-history.ts'
import { listArtifacts } from './artifacts/list-artifacts.ts'
import { abortMultipartUpload } from './artifact-proxy/abort-multipart-upload.ts'
import { completeMultipartUpload } from './artifact-proxy/complete-multipart-upload.ts'
import { createMultipartUpload } from './artifact-proxy/create-multipart-upload.ts'
import { deleteArtifact } from './artifact-proxy/delete-artifact.ts'
import { downloadArtifact } from './artifact-proxy/download-artifact.ts'
import { listProxyArtifacts } from './artifact-proxy/list-proxy-artifacts.ts'
import { uploadArtifact } from './artifact-proxy/upload-artifact.ts'

/**
 * Every endpoint this module describes, for mounting routes (each under `path` and `ajaxPath`,
 * for each of its `methods`) and for tests that walk all of them.
 *
 * @example
 * for (const endpoint of trackingEndpoints) console.log(endpoint.method, endpoint.path)
 */
export const trackingEndpoints: readonly AnyEndpoint[] = [
  createExperiment,
  deleteExperimentTag,
  deleteExperiment,
  getExperimentByName,
  getExperiment,
  restoreExperiment,
  searchDatasets,
  searchExperiments,
  setExperimentTag,
  updateExperiment,
  createRun,
  deleteRun,
  deleteTag,
  getRun,
  logBatch,
  logInputs,
  logMetric,
  logModel,
  logOutputs,
  logParam,
  restoreRun,
  searchRuns,
  setTag,
  updateRun,
  getMetricHistoryBulkInterval,
  getMetricHistory,
  listArtifacts,
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  deleteArtifact,
  downloadArtifact,
  listProxyArtifacts,
  uploadArtifact,
]
