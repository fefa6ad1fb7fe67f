/**
 * Converts a camelCase TypeScript field name to MLflow's snake_case proto field name.
 *
 * @example
 * camelToSnake('lastUpdateTime') // 'last_update_time'
 */
export function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
}

/**
 * Converts a snake_case proto field name to its camelCase TypeScript name.
 *
 * @example
 * snakeToCamel('start_time_unix_nano') // 'startTimeUnixNano'
 */
export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase())
}
