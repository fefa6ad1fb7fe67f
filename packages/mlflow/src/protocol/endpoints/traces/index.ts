/**
 * @module traces endpoints
 * The trace endpoints (spec §3.9): v3 (start, get info, get with spans, batch gets, search,
 * delete, tags), the legacy v2 ones, link-to-run and the UI's `get-trace-artifact`.
 */
export {
  type BatchGetTraceInfosRequest,
  type BatchGetTraceInfosResponse,
  batchGetTraceInfos,
} from './batch-get-trace-infos.ts'
export {
  type BatchGetTracesRequest,
  type BatchGetTracesResponse,
  batchGetTraces,
} from './batch-get-traces.ts'
export {
  type DeleteTraceTagRequest,
  type DeleteTraceTagResponse,
  type DeleteTraceTagV3Request,
  deleteTraceTag,
  deleteTraceTagV3,
} from './delete-trace-tag.ts'
export {
  type DeleteTracesRequest,
  type DeleteTracesResponse,
  deleteTraces,
  deleteTracesV3,
} from './delete-traces.ts'
export { type EndTraceV2Request, type EndTraceV2Response, endTraceV2 } from './end-trace-v2.ts'
export { type GetTraceRequest, type GetTraceResponse, getTrace } from './get-trace.ts'
export {
  type GetTraceArtifactRequest,
  getTraceArtifact,
  getTraceArtifactV3,
} from './get-trace-artifact.ts'
export {
  type GetTraceInfoV2Request,
  type GetTraceInfoV2Response,
  getTraceInfoV2,
} from './get-trace-info-v2.ts'
export {
  type GetTraceInfoV3Request,
  type GetTraceInfoV3Response,
  getTraceInfoV3,
} from './get-trace-info-v3.ts'
export {
  type LinkTracesToRunRequest,
  type LinkTracesToRunResponse,
  linkTracesToRun,
  MAX_TRACE_LINKS_PER_REQUEST,
} from './link-traces-to-run.ts'
export {
  type SearchTracesV2Request,
  type SearchTracesV2Response,
  searchTracesV2,
} from './search-traces-v2.ts'
export {
  type SearchTracesV3Request,
  type SearchTracesV3Response,
  searchTracesV3,
} from './search-traces-v3.ts'
export {
  type SetTraceTagRequest,
  type SetTraceTagResponse,
  type SetTraceTagV3Request,
  setTraceTag,
  setTraceTagV3,
} from './set-trace-tag.ts'
export {
  type StartTraceV2Request,
  type StartTraceV2Response,
  startTraceV2,
} from './start-trace-v2.ts'
export {
  type StartTraceV3Request,
  type StartTraceV3Response,
  startTraceV3,
} from './start-trace-v3.ts'
export { SEARCH_TRACES_MAX_RESULTS } from './trace-request-fields.ts'
