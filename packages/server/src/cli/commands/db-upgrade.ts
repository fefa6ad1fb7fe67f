/**
 * @module db-upgrade
 * `dspyflow db upgrade <url>`: runs the pending schema migrations of a backend store and prints
 * one line per step, like `mlflow db upgrade`.
 */
import { migrateBackendStore, parseBackendStoreUri, redactUri } from '../backend-store.ts'

/** Options of {@link runDbUpgrade}. */
export interface DbUpgradeOptions {
  /** The backend store URI, e.g. `sqlite:///mlflow.db`. */
  url: string
  /** Where report lines go (default stdout). */
  write?: (line: string) => void
  /** Where the failure goes (default stderr). */
  writeError?: (line: string) => void
}

/**
 * Migrates the database; resolves to the process exit code (0 when up to date, 1 on failure).
 *
 * @example
 * process.exitCode = await runDbUpgrade({ url: 'sqlite:///mlflow.db' })
 * // Success     20250601000000_create_tracking_tables
 * // Success     20250601000100_add_search_indexes
 * // sqlite:///mlflow.db is up to date (2 migrations applied).
 */
export async function runDbUpgrade(options: DbUpgradeOptions): Promise<number> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`))
  const writeError = options.writeError ?? ((line: string) => process.stderr.write(`${line}\n`))
  const shownUrl = redactUri(options.url)
  let report: Awaited<ReturnType<typeof migrateBackendStore>>
  try {
    report = await migrateBackendStore({ target: parseBackendStoreUri(options.url) })
  } catch (error) {
    writeError(`Could not open ${shownUrl}: ${messageOf(error)}`)
    return 1
  }
  const results = report.results ?? []
  for (const result of results) write(`${result.status.padEnd(11)} ${result.migrationName}`)
  if (report.error !== undefined) {
    writeError(`Migrating ${shownUrl} failed: ${messageOf(report.error)}`)
    return 1
  }
  const applied = results.filter((result) => result.status === 'Success').length
  write(
    applied === 0
      ? `${shownUrl} is already up to date.`
      : `${shownUrl} is up to date (${applied} migration${applied === 1 ? '' : 's'} applied).`,
  )
  return 0
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
