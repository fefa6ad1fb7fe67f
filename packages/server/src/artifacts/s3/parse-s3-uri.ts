import { UnsupportedArtifactUriError } from '../errors/unsupported-artifact-uri-error.ts'

/** A bucket and the key prefix (no leading or trailing slash; `''` for the bucket root). */
export interface S3Location {
  bucket: string
  prefix: string
}

/**
 * Splits `s3://bucket/prefix` like MLflow's `parse_s3_compliant_uri`, trimming slashes around
 * the prefix. Throws {@link UnsupportedArtifactUriError} for other schemes, a missing bucket, or
 * a prefix with `..` segments, query strings or fragments.
 *
 * @example
 * parseS3Uri('s3://mlflow/artifacts/') // { bucket: 'mlflow', prefix: 'artifacts' }
 * parseS3Uri('s3://mlflow') // { bucket: 'mlflow', prefix: '' }
 */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/?#]*)(\/[^?#]*)?$/i.exec(uri)
  const fail = (reason: string): never => {
    throw new UnsupportedArtifactUriError({ uri, scheme: 's3', supportedSchemes: [], reason })
  }
  if (!match) return fail(`Not an S3 URI: ${uri}`)
  const bucket = match[1] ?? ''
  if (bucket === '' || /\s/.test(bucket)) {
    return fail(`Invalid S3 bucket name in ${uri}`)
  }
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '')
  if (prefix.split('/').includes('..')) return fail(`Invalid S3 prefix in ${uri}`)
  return { bucket, prefix }
}
