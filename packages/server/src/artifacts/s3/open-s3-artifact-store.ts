/**
 * @module open-s3-artifact-store
 * Builds the AWS SDK v3 client for an S3 artifact store from options and the environment
 * variables MLflow reads (`MLFLOW_S3_ENDPOINT_URL`, `MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE`,
 * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION`,
 * `AWS_DEFAULT_REGION`). `@aws-sdk/client-s3` is loaded only when an S3 store is opened.
 */
import type { ArtifactStore } from '../artifact-store.ts'
import type { PresignUploadPart, S3ArtifactClient } from './s3-artifact-client.ts'
import { createS3ArtifactStore } from './s3-artifact-store.ts'

/** Static S3 credentials. */
export interface S3Credentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

/** Options of {@link openS3ArtifactStore}. */
export interface OpenS3ArtifactStoreOptions {
  /** `s3://bucket` or `s3://bucket/prefix`. */
  uri: string
  /** An S3-compatible endpoint such as `http://127.0.0.1:9000`; default `MLFLOW_S3_ENDPOINT_URL`. */
  endpointUrl?: string
  /**
   * Path-style URLs (`endpoint/bucket/key`) instead of virtual hosts. Default: `path` or
   * `virtual` from `MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE`, else path style exactly when a custom
   * endpoint is set (what S3-compatible servers expect).
   */
  forcePathStyle?: boolean
  /** Default `AWS_REGION`, then `AWS_DEFAULT_REGION`, then `us-east-1`. */
  region?: string
  /** Default `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` when set, else the SDK's default chain. */
  credentials?: S3Credentials
  /** Where the variables above are read; default `process.env`. */
  env?: Record<string, string | undefined>
  /** Part size of streamed `put`s; default 8 MiB. */
  partSize?: number
  presignUploadPart?: PresignUploadPart
}

/** The SDK client configuration the options and environment give. */
export interface S3ClientSettings {
  region: string
  endpoint?: string
  forcePathStyle: boolean
  credentials?: S3Credentials
  /** `WHEN_REQUIRED` against custom endpoints: S3-compatible servers vary in checksum support. */
  requestChecksumCalculation?: 'WHEN_REQUIRED'
  responseChecksumValidation?: 'WHEN_REQUIRED'
}

/**
 * Resolves the client settings from options and environment, without creating a client.
 *
 * @example
 * s3ClientSettings({ env: { MLFLOW_S3_ENDPOINT_URL: 'http://127.0.0.1:9000' } })
 * // { region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', forcePathStyle: true, ... }
 */
export function s3ClientSettings(
  options: Omit<OpenS3ArtifactStoreOptions, 'uri'> = {},
): S3ClientSettings {
  const env = options.env ?? process.env
  const endpoint = options.endpointUrl ?? (env.MLFLOW_S3_ENDPOINT_URL || undefined)
  const style = env.MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE?.toLowerCase()
  const forcePathStyle =
    options.forcePathStyle ??
    (style === 'path' ? true : style === 'virtual' ? false : endpoint !== undefined)
  const region = options.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1')
  let credentials = options.credentials
  if (!credentials && env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    credentials = {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    }
  }
  return {
    region,
    forcePathStyle,
    ...(endpoint ? { endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    ...(endpoint
      ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
      : {}),
  }
}

/**
 * Opens `s3://bucket/prefix` with an AWS SDK v3 client built from the options and environment;
 * the store owns the client and destroys it on `close()`.
 *
 * @example
 * const store = await openS3ArtifactStore({
 *   uri: 's3://mlflow/artifacts',
 *   endpointUrl: 'http://127.0.0.1:9000',
 *   credentials: { accessKeyId: 'minio', secretAccessKey: 'minio123' },
 * })
 */
export async function openS3ArtifactStore(
  options: OpenS3ArtifactStoreOptions,
): Promise<ArtifactStore> {
  const { S3 } = await import('@aws-sdk/client-s3')
  const client: S3ArtifactClient = new S3(s3ClientSettings(options))
  return createS3ArtifactStore({
    uri: options.uri,
    client,
    ownsClient: true,
    ...(options.partSize === undefined ? {} : { partSize: options.partSize }),
    ...(options.presignUploadPart ? { presignUploadPart: options.presignUploadPart } : {}),
  })
}
