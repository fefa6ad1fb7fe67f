/**
 * @module limits
 * MLflow's validation limits (mlflow/utils/validation.py, MLflow 3.17), one constant each.
 */

/** Longest metric, param and run-tag key. */
export const MAX_ENTITY_KEY_LENGTH = 250
/** Longest param value; longer values are truncated (or rejected when truncation is off). */
export const MAX_PARAM_VALUE_LENGTH = 6000
/** Longest run-tag value; longer values are truncated (or rejected when truncation is off). */
export const MAX_TAG_VALUE_LENGTH = 8000
/** Longest experiment name. */
export const MAX_EXPERIMENT_NAME_LENGTH = 500
/** Longest experiment-tag key. */
export const MAX_EXPERIMENT_TAG_KEY_LENGTH = 250
/** Longest experiment-tag value (MLflow 3.17 raised it from 5000); never truncated. */
export const MAX_EXPERIMENT_TAG_VALUE_LENGTH = 20000
/** Longest experiment artifact location (`MLFLOW_ARTIFACT_LOCATION_MAX_LENGTH`). */
export const MAX_ARTIFACT_LOCATION_LENGTH = 2048
/** Most params or tags in one `logBatch`. */
export const MAX_PARAMS_TAGS_PER_BATCH = 100
/** Most metrics in one `logBatch`. */
export const MAX_METRICS_PER_BATCH = 1000
/** Most metrics, params and tags together in one `logBatch`. */
export const MAX_ENTITIES_PER_BATCH = 1000
/** Dataset field limits for `logInputs`. */
export const MAX_DATASET_NAME_SIZE = 500
export const MAX_DATASET_DIGEST_SIZE = 36
export const MAX_DATASET_SOURCE_SIZE = 65535
export const MAX_DATASET_SCHEMA_SIZE = 1048575
export const MAX_DATASET_PROFILE_SIZE = 16777215
/** Input-tag limits for `logInputs`. */
export const MAX_INPUT_TAG_KEY_SIZE = 255
export const MAX_INPUT_TAG_VALUE_SIZE = 500
/** Default and largest page of `searchRuns` and `searchExperiments`. */
export const SEARCH_MAX_RESULTS_DEFAULT = 1000
export const SEARCH_MAX_RESULTS_THRESHOLD = 50000
/** Default and largest sample of `getMetricHistoryBulkInterval`, per run. */
export const MAX_RESULTS_PER_RUN = 2500
/** Most runs in one `getMetricHistoryBulkInterval`. */
export const MAX_RUNS_GET_METRIC_HISTORY_BULK = 100
