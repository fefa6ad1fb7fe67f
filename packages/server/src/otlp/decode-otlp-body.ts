/**
 * @module decode-otlp-body
 * From an OTLP/HTTP request body to MLflow spans: decompression, protobuf or OTLP JSON
 * decoding, and conversion, with MLflow 3.17's answers for each failure.
 */
import type { SpanRecord } from '../stores/traces/span-record.ts'
import { toSpanRecords } from './convert/to-span-records.ts'
import { decompressOtlpBody } from './decompress.ts'
import { decodeExportRequestJson } from './json/decode-export-request-json.ts'
import { OTLP_MESSAGES, OtlpError } from './otlp-error.ts'
import type { OtlpExportRequest } from './otlp-model.ts'
import { decodeExportRequestProto } from './proto/decode-export-request.ts'

/** The media types `/v1/traces` accepts. */
export type OtlpMediaType = 'application/x-protobuf' | 'application/json'

/** Options of {@link decodeOtlpBody}. */
export interface DecodeOtlpBodyOptions {
  body: Uint8Array
  mediaType: OtlpMediaType
  /** The `Content-Encoding` header; absent or empty means none. */
  contentEncoding?: string
  /** The largest body accepted after decompression, in bytes. */
  maxBytes: number
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * The spans of an OTLP request body, in request order (none when the request has resource
 * spans but no span, which MLflow accepts).
 *
 * @throws OtlpError 400 "Invalid OpenTelemetry format" (not protobuf / JSON, or not an
 *   `ExportTraceServiceRequest`), 400 "... - no spans found" (no resource spans at all),
 *   400 for a bad or oversized compressed body, 422 "Cannot convert OpenTelemetry span to MLflow
 *   span".
 * @example
 * const spans = await decodeOtlpBody({ body, mediaType: 'application/x-protobuf', maxBytes: 1 << 24 })
 */
export async function decodeOtlpBody(options: DecodeOtlpBodyOptions): Promise<SpanRecord[]> {
  let body = options.body
  if (options.contentEncoding) {
    body = await decompressOtlpBody({
      body,
      contentEncoding: options.contentEncoding,
      maxBytes: options.maxBytes,
    })
  }
  const request = parseRequest(body, options.mediaType)
  if (request.resourceSpans.length === 0) {
    throw new OtlpError({ status: 400, detail: OTLP_MESSAGES.noSpans })
  }
  return toSpanRecords(request)
}

function parseRequest(body: Uint8Array, mediaType: OtlpMediaType): OtlpExportRequest {
  try {
    if (mediaType === 'application/x-protobuf') return decodeExportRequestProto(body)
    return decodeExportRequestJson(utf8.decode(body))
  } catch (error) {
    throw OtlpError.invalidFormat(error)
  }
}
