/**
 * @module registry
 * Artifact URI scheme → store (MLflow's `ArtifactRepositoryRegistry`): `file://` URIs and plain
 * paths open the local store, `s3://` the S3 store; anything else is an
 * {@link UnsupportedArtifactUriError}.
 */
import { fileURLToPath } from 'node:url'
import type { ArtifactStore } from './artifact-store.ts'
import { UnsupportedArtifactUriError } from './errors/unsupported-artifact-uri-error.ts'
import { createLocalArtifactStore } from './local/local-artifact-store.ts'
import type { LocalArtifactFileSystem } from './local/local-file-system.ts'
import {
  type OpenS3ArtifactStoreOptions,
  openS3ArtifactStore,
} from './s3/open-s3-artifact-store.ts'

/** The schemes {@link openArtifactStore} knows (`''` is a plain path). */
export const ARTIFACT_STORE_SCHEMES = ['', 'file', 's3'] as const

/** Options of {@link openArtifactStore}. */
export interface OpenArtifactStoreOptions {
  /** `file:///srv/mlartifacts`, `./mlartifacts`, `/srv/mlartifacts` or `s3://bucket/prefix`. */
  uri: string
  /** Environment for S3 settings (`MLFLOW_S3_ENDPOINT_URL`, `AWS_*`); default `process.env`. */
  env?: Record<string, string | undefined>
  /** S3 settings that win over the environment. */
  s3?: Omit<OpenS3ArtifactStoreOptions, 'uri' | 'env'>
  /** File system of local stores; default `node:fs/promises`. */
  fs?: LocalArtifactFileSystem
}

const schemePattern = /^([a-zA-Z][a-zA-Z0-9+.-]*):/

function unsupported(uri: string, scheme: string, reason?: string): never {
  throw new UnsupportedArtifactUriError({
    uri,
    scheme,
    supportedSchemes: ARTIFACT_STORE_SCHEMES,
    ...(reason ? { reason } : {}),
  })
}

function localRoot(uri: string): string {
  let url: URL
  try {
    url = new URL(uri)
  } catch (error) {
    return unsupported(uri, 'file', `Invalid file URI: ${uri} (${(error as Error).message})`)
  }
  if (url.host !== '' && url.host !== 'localhost') {
    return unsupported(uri, 'file', `File URIs with a remote host are not supported: ${uri}`)
  }
  if (url.search !== '' || url.hash !== '') {
    return unsupported(uri, 'file', `File URIs with a query or fragment are not supported: ${uri}`)
  }
  return fileURLToPath(url)
}

/**
 * Opens the artifact store an artifact root URI names.
 *
 * @example
 * const local = await openArtifactStore({ uri: './mlartifacts' })
 * const s3 = await openArtifactStore({
 *   uri: 's3://mlflow/artifacts',
 *   env: { MLFLOW_S3_ENDPOINT_URL: 'http://127.0.0.1:9000' },
 * })
 * await openArtifactStore({ uri: 'gs://bucket' }) // throws UnsupportedArtifactUriError
 */
export async function openArtifactStore(options: OpenArtifactStoreOptions): Promise<ArtifactStore> {
  const { uri } = options
  if (typeof uri !== 'string' || uri.trim() === '')
    return unsupported(String(uri), '', 'Empty artifact URI')
  const scheme = schemePattern.exec(uri)?.[1]?.toLowerCase()
  // A one-letter "scheme" is a Windows drive (C:\artifacts): a plain path.
  if (scheme === undefined || scheme.length === 1) {
    return createLocalArtifactStore({ root: uri, ...(options.fs ? { fs: options.fs } : {}) })
  }
  if (scheme === 'file') {
    return createLocalArtifactStore({
      root: localRoot(uri),
      ...(options.fs ? { fs: options.fs } : {}),
    })
  }
  if (scheme === 's3') {
    return openS3ArtifactStore({
      uri,
      ...(options.env ? { env: options.env } : {}),
      ...options.s3,
    })
  }
  return unsupported(uri, scheme)
}
