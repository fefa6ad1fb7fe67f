/**
 * @module registry-source-checks
 * The checks MLflow's server runs on a model version `source` before registering it (spec
 * §10.3, CVE-2023-1177, -2356, -2780, 2024-3573, 2025-11201): no host-addressed schemes the
 * server would connect to, no path traversal in remote URIs (decoded until stable), local paths
 * and `mlflow-artifacts` URIs only inside the artifact location of the run (or logged model)
 * given with them, `runs:/` and `models:/<model_id>` sources only for that same run or model,
 * and prompt versions only with MLflow's placeholder sources.
 */
import { posix } from 'node:path'
import { MlflowError } from '@dspyflow/mlflow/protocol'
import type { LoggedModelLookup, LoggedModelSummary } from '../../stores/registry/registry-store.ts'
import { splitUri, parseModelUri } from '../../stores/registry/model-uri.ts'
import type { TrackingStore } from '../../stores/tracking-store.ts'
import {
  decodeUntilStable,
  isInside,
  isLocalUri,
  isMlflowArtifactSource,
  isUriWithinRoot,
  localPath,
} from './registry-source-uris.ts'

/** Schemes whose artifact repositories connect to the host named in the URI. */
const HOST_ADDRESSED_SCHEMES = new Set([
  'ftp',
  'sftp',
  'hdfs',
  'viewfs',
  'http',
  'https',
  'mlflow-artifacts',
  'r2',
  'b2',
  'abfss',
])

/** The placeholder sources MLflow's own clients send for prompt versions. */
export const PROMPT_SOURCE_PLACEHOLDERS = ['dummy-source', 'prompt-template']

function invalid(message: string): MlflowError {
  return MlflowError.invalidParameterValue(message)
}

function mustIdentify(source: string, idName: 'run_id' | 'model_id'): MlflowError {
  return invalid(
    `Invalid model version source: '${source}'. The ${idName} request parameter must identify ` +
      'the resource that contains the source.',
  )
}

/**
 * Rejects a prompt version source that is not one of MLflow's placeholders.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE`.
 * @example
 * checkPromptSource('dummy-source') // ok
 */
export function checkPromptSource(source: string): void {
  if (!PROMPT_SOURCE_PLACEHOLDERS.includes(source)) {
    throw invalid(
      `Invalid prompt source: '${source}'. Prompt sources must use an MLflow placeholder.`,
    )
  }
}

/**
 * Rejects URIs whose scheme makes the server connect to the host they name (`http://…`,
 * `ftp://…`, `mlflow-artifacts://host/…`; `mlflow-artifacts:/…` is the server itself).
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE`.
 * @example
 * checkHostAddressedScheme({ uri: 'http://example.com/m', fieldName: 'source' }) // throws
 */
export function checkHostAddressedScheme(options: { uri: string; fieldName: string }): void {
  const { scheme, netloc } = splitUri(options.uri)
  if (!HOST_ADDRESSED_SCHEMES.has(scheme)) return
  if (scheme === 'mlflow-artifacts' && netloc === '') return
  throw invalid(
    `'${options.fieldName}' cannot use the '${scheme}' scheme: the '${scheme}' scheme addresses ` +
      "a host other than the tracking server's configured artifact storage, so the server would " +
      'connect to the host named in the URI. Set the ' +
      'MLFLOW_ALLOWED_HOST_ADDRESSED_ARTIFACT_SCHEMES environment variable on the server to ' +
      'allow it.',
  )
}

/**
 * Rejects remote sources that hide a path traversal: a `..` segment or a NUL byte once decoded,
 * or a path that normalisation would change (`/./`, a trailing `/.`, no path at all).
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE`.
 * @example
 * checkNoRelativePaths('s3://bucket/models/../secrets') // throws
 */
export function checkNoRelativePaths(source: string): void {
  const error = () =>
    invalid(
      `Invalid model version source: '${source}'. If supplying a source as an http, https, local ` +
        'file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path must be provided ' +
        'without relative path references present. Please provide an absolute path.',
    )
  const decoded = decodeUntilStable({ text: source, plus: true })
  const path = splitUri(decoded).path.replace(/\/+$/, '').replace(/\/+/g, '/')
  if (path.includes('\u0000') || decoded.split('/').includes('..')) throw error()
  if (!path.startsWith('/') || posix.normalize(path) !== path) throw error()
}

/**
 * Checks a source registered with a run id (or with neither id), as MLflow's server does.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE`.
 * @example
 * await checkSourceForRun({ source: `runs:/${runId}/model`, runId, trackingStore })
 */
export async function checkSourceForRun(options: {
  source: string
  runId: string
  trackingStore: TrackingStore
}): Promise<void> {
  const { source, runId, trackingStore } = options
  const runArtifactUri = async () => {
    const run = runId ? await trackingStore.getRun({ runId }) : undefined
    if (run === undefined) throw mustIdentify(source, 'run_id')
    return run.info.artifactUri
  }
  if (isLocalUri(source)) {
    let shown = source
    if (runId) {
      const artifactUri = await runArtifactUri()
      const path = localPath(source)
      shown = path
      if (isLocalUri(artifactUri) && isInside(path, localPath(artifactUri))) return
    }
    throw invalid(
      `Invalid model version source: '${shown}'. To use a local path as a model version source, ` +
        'the run_id request parameter has to be specified and the local path has to be ' +
        'contained within the artifact directory of the run specified by the run_id.',
    )
  }
  checkNoRelativePaths(source)
  const decoded = splitUri(source)
  if (decoded.scheme === 'runs') {
    const sourceRunId = decoded.path.replace(/^\//, '').split('/')[0] ?? ''
    if (decoded.netloc === '' && runId && sourceRunId === runId) return
    throw mustIdentify(source, 'run_id')
  }
  if (decoded.scheme === 'models') {
    if (decoded.netloc !== '' || isModelIdUri(source)) throw mustIdentify(source, 'model_id')
  }
  if (isMlflowArtifactSource(source)) {
    if (runId && isUriWithinRoot(source, await runArtifactUri())) return
    throw mustIdentify(source, 'run_id')
  }
}

function isModelIdUri(source: string): boolean {
  try {
    return parseModelUri(source).kind === 'model-id'
  } catch {
    throw mustIdentify(source, 'model_id')
  }
}

/**
 * Checks a source registered with a logged model id, as MLflow's server does.
 *
 * @throws MlflowError `INVALID_PARAMETER_VALUE`.
 * @example
 * await checkSourceForModel({ source: `models:/${modelId}`, modelId, loggedModels })
 */
export async function checkSourceForModel(options: {
  source: string
  modelId: string
  loggedModels: LoggedModelLookup | undefined
}): Promise<void> {
  const { source, modelId, loggedModels } = options
  const model = async (): Promise<LoggedModelSummary> => {
    const found = await loggedModels?.getLoggedModel({ modelId })
    if (found === undefined) throw mustIdentify(source, 'model_id')
    return found
  }
  if (isLocalUri(source)) {
    const location = (await model()).info.artifactUri
    const path = localPath(source)
    if (isLocalUri(location) && isInside(path, localPath(location))) return
    throw invalid(
      `Invalid model version source: '${path}'. To use a local path as a model version source, ` +
        'the model_id request parameter has to be specified and the local path has to be ' +
        'contained within the artifact directory of the run specified by the model_id.',
    )
  }
  checkNoRelativePaths(source)
  const decoded = splitUri(source)
  if (decoded.scheme === 'models') {
    if (decoded.netloc !== '') throw mustIdentify(source, 'model_id')
    if (isModelIdUri(source)) {
      const parsed = parseModelUri(source)
      if (parsed.kind === 'model-id' && parsed.modelId === modelId) return
      throw mustIdentify(source, 'model_id')
    }
  }
  if (decoded.scheme === 'runs') throw mustIdentify(source, 'model_id')
  if (isMlflowArtifactSource(source)) {
    if (isUriWithinRoot(source, (await model()).info.artifactUri)) return
    throw mustIdentify(source, 'model_id')
  }
}
