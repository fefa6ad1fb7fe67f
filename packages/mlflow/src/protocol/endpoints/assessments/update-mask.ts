/**
 * @module update-mask
 * `google.protobuf.FieldMask` as MLflow reads it from JSON: a comma-separated string of
 * lowerCamelCase paths (`"assessmentName,feedback"`), each turned into its snake_case field
 * name. A path holding `_` makes protobuf's parser fail, and MLflow then updates nothing;
 * anything but a string is ignored the same way. The message form `{ paths: [...] }` (snake_case
 * names, as protobuf's non-JSON form) is also read.
 */

/**
 * The snake_case field paths of an `update_mask` value.
 *
 * @example
 * updateMaskPaths('assessmentName,feedback') // ['assessment_name', 'feedback']
 * updateMaskPaths('assessment_name') // [] (protobuf refuses '_' in JSON paths)
 * updateMaskPaths({ paths: ['rationale'] }) // ['rationale']
 */
export function updateMaskPaths(value: unknown): string[] {
  if (typeof value === 'string') {
    if (value === '') return []
    const parts = value.split(',')
    if (parts.some((part) => part.includes('_'))) return []
    return parts.map((part) => part.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`))
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const paths = (value as { paths?: unknown }).paths
    if (Array.isArray(paths))
      return paths.filter((path): path is string => typeof path === 'string')
  }
  return []
}
