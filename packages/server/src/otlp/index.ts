/**
 * @module otlp
 * OTLP/HTTP trace payloads for `POST /v1/traces` (spec §3.9.4): protobuf and OTLP JSON
 * `ExportTraceServiceRequest` decoding (gzip / deflate bodies too) into the trace store's
 * `SpanRecord`s, MLflow's error answers, and a protobuf encoder for tests and benchmarks.
 */
export { dumpAttributeValue, pythonBytesRepr, pythonFloatRepr } from './convert/python-json.ts'
export { KNOWN_SERVICE_NAMES, toSpanRecords } from './convert/to-span-records.ts'
export {
  type DecodeOtlpBodyOptions,
  decodeOtlpBody,
  type OtlpMediaType,
} from './decode-otlp-body.ts'
export { decompressOtlpBody } from './decompress.ts'
export { bytesToHex, hexToBytes } from './hex.ts'
export { decodeExportRequestJson } from './json/decode-export-request-json.ts'
export { OTLP_MESSAGES, OtlpError } from './otlp-error.ts'
export type {
  OtlpAnyValue,
  OtlpEvent,
  OtlpExportRequest,
  OtlpKeyValue,
  OtlpKeyValueList,
  OtlpSpan,
} from './otlp-model.ts'
export { decodeExportRequestProto } from './proto/decode-export-request.ts'
export {
  encodeExportRequestProto,
  type OtlpExportRequestInput,
  type OtlpSpanInput,
} from './proto/encode-export-request.ts'
export { readBodyBytes } from './read-body-bytes.ts'
