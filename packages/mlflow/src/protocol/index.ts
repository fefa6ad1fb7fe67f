/**
 * @module @dspyflow/mlflow/protocol
 * MLflow's REST protocol for the tracking API: entities (camelCase zod schemas and types), the
 * wire codec to and from MLflow's snake_case JSON, error codes with their HTTP statuses, and
 * one descriptor per endpoint (method, path, request and response schemas).
 */
export * from './entities/index.ts'
export * from './endpoints/index.ts'
export * from './errors/index.ts'
export * from './wire/index.ts'
