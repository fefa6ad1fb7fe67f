/**
 * The MLflow release whose REST API this server answers like, reported by `GET /version`. It is
 * the version the conformance suite pins (`mlflow==3.17.2`, the traffic recorded in
 * `@dspyflow/mlflow/protocol`'s fixtures). Python clients ≥ 3.4 read it to decide whether to
 * export spans over OTLP to `POST /v1/traces`, which this server takes (protobuf and JSON).
 *
 * @example
 * const response = await app.request('/version')
 * await response.text() // '3.17.2'
 */
export const MLFLOW_COMPATIBLE_VERSION = '3.17.2'
