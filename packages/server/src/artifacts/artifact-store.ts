/**
 * @module artifact-store
 * The interface every artifact store implements (local folder, S3-compatible bucket): files
 * under one root, addressed by relative POSIX paths, with MLflow's listing shape and a multipart
 * upload API shaped like the `mlflow-artifacts` proxy's (§3.8 of the MLflow API spec). Every path
 * passes {@link safeArtifactPath} first; every failure is an {@link ArtifactStoreError}.
 */
import type { FileInfo } from '@dspyflow/mlflow/protocol'

export type { FileInfo }

/**
 * The bytes of a file to write: all at once, a web stream, or any async iterable of chunks
 * (a Node `Readable` included). Streams are consumed once, chunk by chunk.
 */
export type ArtifactBody = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>

/** Options of {@link ArtifactStore.put}. */
export interface PutArtifactOptions {
  /** Relative file path, e.g. `'model/MLmodel'`; parent folders are created. */
  path: string
  body: ArtifactBody
  /** Stored where the backend keeps it (S3 `Content-Type`); ignored by the local store. */
  contentType?: string
}

/** A file being read: a stream of its bytes and its size in bytes. */
export interface ArtifactContent {
  /** Read it or cancel it: either way the underlying file or connection is released. */
  body: ReadableStream<Uint8Array>
  size: number
  /** The stored content type, when the backend keeps one. */
  contentType?: string
}

/** Where a client uploads one part of a multipart upload. */
export interface MultipartUploadCredential {
  /** 1-based, as in S3. */
  partNumber: number
  /**
   * A URL the client can `PUT` the part to directly (an S3 presigned URL). Absent when the store
   * has no such URL: then the part goes through {@link ArtifactStore.uploadPart}.
   */
  url?: string
  /** Headers to send with the part; often empty. */
  headers: Record<string, string>
}

/** What {@link ArtifactStore.createMultipartUpload} returns, like MLflow's proxy response. */
export interface CreateMultipartUploadResult {
  uploadId: string
  /** One per part, part numbers 1..numParts. */
  credentials: MultipartUploadCredential[]
}

/** A part the client uploaded: its number and the ETag the upload answered. */
export interface UploadedPart {
  partNumber: number
  etag: string
}

/** Options of {@link ArtifactStore.uploadPart}. */
export interface UploadPartOptions {
  path: string
  uploadId: string
  /** 1..10000. */
  partNumber: number
  body: ArtifactBody
  /** The part's size in bytes when known; lets a store stream a part instead of buffering it. */
  size?: number
}

/**
 * An artifact store: files under one root. Paths are relative (`'model/MLmodel'`, no leading
 * slash); the empty path is the root and is only accepted by `list` and `exists`. Open one with
 * {@link openArtifactStore}, or with `createLocalArtifactStore` / `createS3ArtifactStore`.
 *
 * @example
 * const store = await openArtifactStore({ uri: 'file:///srv/mlartifacts' })
 * await store.put({ path: '3/abc/artifacts/model/MLmodel', body: new TextEncoder().encode('flavors: {}') })
 * await store.list({ path: '3/abc/artifacts/model' })
 * // [{ path: '3/abc/artifacts/model/MLmodel', isDir: false, fileSize: 11 }]
 * const { body, size } = await store.get({ path: '3/abc/artifacts/model/MLmodel' })
 * await store.delete({ path: '3/abc' })
 * await store.close()
 */
export interface ArtifactStore {
  readonly specificationVersion: 'v1'
  /** The store's root as a URI, e.g. `'file:///srv/mlartifacts'` or `'s3://bucket/prefix'`. */
  readonly rootUri: string

  /** Writes a file, replacing any existing one; readers never see a partial file. */
  put(options: PutArtifactOptions): Promise<void>
  /** Opens a file for reading; {@link ArtifactNotFoundError} when there is no such file. */
  get(options: { path: string }): Promise<ArtifactContent>
  /**
   * The entries directly inside a folder (the root when `path` is absent), as MLflow lists them:
   * paths relative to the root (including the folder's own path), sorted, folders with
   * `isDir: true` and no size. A missing folder or a file lists as `[]`.
   */
  list(options?: { path?: string }): Promise<FileInfo[]>
  /** Deletes a file or a whole folder; deleting what does not exist does nothing. */
  delete(options: { path: string }): Promise<void>
  /** Whether a file or a folder exists at the path (the root always does). */
  exists(options: { path: string }): Promise<boolean>

  /** Starts a multipart upload of the file at `path`, with one credential per part. */
  createMultipartUpload(options: {
    path: string
    numParts: number
    contentType?: string
  }): Promise<CreateMultipartUploadResult>
  /** Stores one part and returns its ETag. */
  uploadPart(options: UploadPartOptions): Promise<UploadedPart>
  /** Joins the parts, in part-number order, into the file at `path`. */
  completeMultipartUpload(options: {
    path: string
    uploadId: string
    parts: UploadedPart[]
  }): Promise<void>
  /** Drops an unfinished upload and its parts. */
  abortMultipartUpload(options: { path: string; uploadId: string }): Promise<void>

  /** Releases what the store holds (an SDK client it created). */
  close(): Promise<void>
}
