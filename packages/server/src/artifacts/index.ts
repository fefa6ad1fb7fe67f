/**
 * @module @dspyflow/server/artifacts
 * Artifact stores behind one interface ({@link ArtifactStore}): a local folder (the default
 * `--artifacts-destination`) and S3-compatible buckets, opened from a URI with
 * {@link openArtifactStore} and proxied by the server as `mlflow-artifacts:/`. Every path goes
 * through {@link safeArtifactPath} (MLflow's traversal rules, stricter); every failure is an
 * {@link ArtifactStoreError} with an MLflow error code. Store authors find the conformance suite
 * and the moto S3 server in `./testing/index.ts`.
 *
 * @example
 * import { openArtifactStore } from '@dspyflow/server/artifacts'
 * const store = await openArtifactStore({ uri: process.env.ARTIFACTS ?? './mlartifacts' })
 * await store.put({ path: '1/abc/artifacts/notes.txt', body: new TextEncoder().encode('hi') })
 * const files = await store.list({ path: '1/abc/artifacts' })
 * const { body, size } = await store.get({ path: '1/abc/artifacts/notes.txt' })
 */
export type {
  ArtifactBody,
  ArtifactContent,
  ArtifactStore,
  CreateMultipartUploadResult,
  FileInfo,
  MultipartUploadCredential,
  PutArtifactOptions,
  UploadedPart,
  UploadPartOptions,
} from './artifact-store.ts'
export { ArtifactNotFoundError } from './errors/artifact-not-found-error.ts'
export { ArtifactPathError, type ArtifactPathProblem } from './errors/artifact-path-error.ts'
export {
  ArtifactStoreError,
  type ArtifactStoreErrorCode,
  type ArtifactStoreErrorOptions,
} from './errors/artifact-store-error.ts'
export { UnsupportedArtifactUriError } from './errors/unsupported-artifact-uri-error.ts'
export {
  type CreateLocalArtifactStoreOptions,
  createLocalArtifactStore,
} from './local/local-artifact-store.ts'
export { type LocalArtifactFileSystem, RESERVED_NAME_PREFIX } from './local/local-file-system.ts'
export { MAX_MULTIPART_PARTS } from './multipart-checks.ts'
export {
  ARTIFACT_STORE_SCHEMES,
  type OpenArtifactStoreOptions,
  openArtifactStore,
} from './registry.ts'
export { type S3Location, parseS3Uri } from './s3/parse-s3-uri.ts'
export {
  type OpenS3ArtifactStoreOptions,
  openS3ArtifactStore,
  type S3ClientSettings,
  type S3Credentials,
  s3ClientSettings,
} from './s3/open-s3-artifact-store.ts'
export type {
  PresignUploadPart,
  S3ArtifactClient,
  S3Body,
  S3GetObjectOutput,
  S3ListObjectsV2Output,
} from './s3/s3-artifact-client.ts'
export {
  type CreateS3ArtifactStoreOptions,
  createS3ArtifactStore,
  DEFAULT_S3_PART_SIZE,
  MIN_S3_PART_SIZE,
} from './s3/s3-artifact-store.ts'
export {
  isAddressableArtifactPath,
  type SafeArtifactPathOptions,
  safeArtifactPath,
} from './safe-artifact-path.ts'
export { compareArtifactPaths, sortFileInfos } from './sort-file-infos.ts'
