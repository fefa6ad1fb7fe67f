import { requiredString } from '../request-fields.ts'

/**
 * The path template of the proxied artifact routes; `{artifact_path}` is the rest of the URL,
 * slashes included, relative to the server's artifact destination (`mlflow-artifacts:/<path>`
 * ↔ `/api/2.0/mlflow-artifacts/artifacts/<path>`). The server checks it with its path-safety
 * rules.
 */
export const ARTIFACT_PROXY_PATH = '/api/2.0/mlflow-artifacts/artifacts/{artifact_path}'

/**
 * The `artifactPath` request field, filled from the `{artifact_path}` path parameter.
 *
 * @example
 * z.object({ artifactPath: artifactPathField() })
 */
export function artifactPathField() {
  return requiredString()
}
