/**
 * @module resolve-model-uri
 * Which registered version a name-based `models:/` URI points to: a version as written, the
 * version behind an alias, the highest version (`latest`), or the highest version in a stage.
 */
import type { SqlExecutor } from '../sql/sql-driver.ts'
import { StoreError } from '../store-error.ts'
import { getLatestVersions, getModelVersionByAlias, highestVersion } from './alias-operations.ts'
import type { ParsedModelUri } from './model-uri.ts'

/** A parsed `models:/` URI that names a registered model (not a logged model id). */
export type NamedModelUri = Exclude<ParsedModelUri, { kind: 'model-id' }>

/**
 * The model name and version number (as a string) a `models:/` URI resolves to.
 *
 * @throws StoreError `RESOURCE_DOES_NOT_EXIST` (unknown model, no such version in the stage),
 *   `INVALID_PARAMETER_VALUE` (unknown alias, bad stage).
 * @example
 * await resolveModelUriVersion(executor, parseModelUri('models:/qa@champion') as NamedModelUri)
 * // { name: 'qa', version: '2' }
 */
export async function resolveModelUriVersion(
  executor: SqlExecutor,
  parsed: NamedModelUri,
): Promise<{ name: string; version: string }> {
  const { name } = parsed
  if (parsed.kind === 'version') return { name, version: parsed.version }
  if (parsed.kind === 'alias') {
    const version = await getModelVersionByAlias(executor, { name, alias: parsed.alias })
    return { name, version: version.version }
  }
  if (parsed.kind === 'latest') {
    return {
      name,
      version: highestVersion(await getLatestVersions(executor, { name }), name).version,
    }
  }
  const versions = await getLatestVersions(executor, { name, stages: [parsed.stage] })
  if (versions.length === 0) {
    throw new StoreError({
      code: 'RESOURCE_DOES_NOT_EXIST',
      message: `No versions of model with name '${name}' and stage '${parsed.stage}' found`,
    })
  }
  return { name, version: highestVersion(versions, name).version }
}
