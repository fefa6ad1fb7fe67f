/**
 * @module s3-artifact-client
 * The part of an S3 client the S3 artifact store calls, described rather than imported
 * (Kysely's driver pattern): the AWS SDK v3 aggregated client (`new S3({...})` from
 * `@aws-sdk/client-s3`) fits it as it is, and so can any S3-compatible client or test double.
 */
import type { Readable } from 'node:stream'

/** Where an S3 error came from: the SDK sets `name` to the S3 error code. */
export interface S3ErrorLike {
  name?: string
  $metadata?: { httpStatusCode?: number }
}

/** Output of `getObject`: a stream of the body and its size. */
export interface S3GetObjectOutput {
  Body?: { transformToWebStream(): ReadableStream }
  ContentLength?: number
  ContentType?: string
}

/** Output of one page of `listObjectsV2`. */
export interface S3ListObjectsV2Output {
  Contents?: Array<{ Key?: string; Size?: number }>
  CommonPrefixes?: Array<{ Prefix?: string }>
  IsTruncated?: boolean
  NextContinuationToken?: string
  KeyCount?: number
}

/** An S3 body the store sends: bytes, or a Node stream of known length. */
export type S3Body = Uint8Array | Readable

/**
 * The calls the S3 artifact store makes. Every method takes S3's own input shape and returns a
 * promise of S3's output shape (the SDK's PascalCase names).
 *
 * @example
 * import { S3 } from '@aws-sdk/client-s3'
 * const client: S3ArtifactClient = new S3({ region: 'us-east-1' })
 */
export interface S3ArtifactClient {
  putObject(input: {
    Bucket: string
    Key: string
    Body: S3Body
    ContentLength?: number
    ContentType?: string
  }): Promise<unknown>
  getObject(input: { Bucket: string; Key: string }): Promise<S3GetObjectOutput>
  headObject(input: { Bucket: string; Key: string }): Promise<unknown>
  listObjectsV2(input: {
    Bucket: string
    Prefix?: string
    Delimiter?: string
    ContinuationToken?: string
    MaxKeys?: number
  }): Promise<S3ListObjectsV2Output>
  deleteObjects(input: {
    Bucket: string
    Delete: { Objects: Array<{ Key: string }>; Quiet?: boolean }
  }): Promise<{ Errors?: Array<{ Key?: string; Code?: string; Message?: string }> }>
  createMultipartUpload(input: {
    Bucket: string
    Key: string
    ContentType?: string
  }): Promise<{ UploadId?: string }>
  uploadPart(input: {
    Bucket: string
    Key: string
    UploadId: string
    PartNumber: number
    Body: S3Body
    ContentLength?: number
  }): Promise<{ ETag?: string }>
  completeMultipartUpload(input: {
    Bucket: string
    Key: string
    UploadId: string
    MultipartUpload: { Parts: Array<{ PartNumber: number; ETag: string }> }
  }): Promise<unknown>
  abortMultipartUpload(input: { Bucket: string; Key: string; UploadId: string }): Promise<unknown>
  /** Closes connections; called by `close()` when the store created the client. */
  destroy?(): void
}

/**
 * Makes a URL a client can `PUT` one part to directly (an S3 presigned `UploadPart` URL), e.g.
 * with `getSignedUrl` from `@aws-sdk/s3-request-presigner`.
 */
export type PresignUploadPart = (input: {
  bucket: string
  key: string
  uploadId: string
  partNumber: number
}) => Promise<string>
