/**
 * @module main
 * The `dspyflow` command line: argument wiring only (commander). Each command's work lives in
 * `commands/`, loaded when the command runs so that `--help` stays fast.
 *
 * Commands: `server` (alias `ui`) with MLflow's flags and environment variables, and
 * `db upgrade <url>`.
 */
import { Command, InvalidArgumentError, Option } from 'commander'

/** The version `dspyflow --version` prints. */
const PACKAGE_VERSION = '0.1.0'

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidArgumentError('must be a port number (0-65535).')
  }
  return port
}

/** MLflow's boolean environment variables (`true`/`false`, `1`/`0`), for flags not given. */
function envFlag(command: Command, option: string, variable: string): boolean | undefined {
  const source = command.getOptionValueSource(option)
  if (source !== undefined && source !== 'default') return command.getOptionValue(option)
  const value = process.env[variable]?.trim().toLowerCase()
  if (value === undefined || value === '') return command.getOptionValue(option)
  return value === 'true' || value === '1'
}

function parsePositive(what: 'integer' | 'number') {
  return (value: string): number => {
    const number = Number(value)
    const valid = what === 'integer' ? Number.isSafeInteger(number) : Number.isFinite(number)
    if (!valid || number <= 0) throw new InvalidArgumentError(`must be a positive ${what}.`)
    return number
  }
}

function addServerCommand(program: Command, name: 'server' | 'ui'): void {
  program
    .command(name)
    .summary(name === 'server' ? 'Run the tracking server (UI + REST API).' : 'Alias of `server`.')
    .description('Run the MLflow-compatible tracking server (UI + REST API).')
    .helpOption('--help', 'Show this help.')
    .addOption(
      new Option('--backend-store-uri <uri>', 'sqlite:///path.db or postgresql://... URI')
        .env('MLFLOW_BACKEND_STORE_URI')
        .default('sqlite:///mlflow.db'),
    )
    .addOption(
      new Option(
        '--default-artifact-root <uri>',
        'artifact root of new experiments (default mlflow-artifacts:/ when serving artifacts, else ./mlruns)',
      ).env('MLFLOW_DEFAULT_ARTIFACT_ROOT'),
    )
    .option('--serve-artifacts', 'proxy artifact uploads, downloads and listings', true)
    .option('--no-serve-artifacts', 'disable the artifact proxy')
    .addOption(
      new Option('--artifacts-destination <uri>', 'local folder or s3://bucket/prefix')
        .env('MLFLOW_ARTIFACTS_DESTINATION')
        .default('./mlartifacts'),
    )
    .addOption(
      new Option('-h, --host <host>', 'network interface to bind')
        .env('MLFLOW_HOST')
        .default('127.0.0.1'),
    )
    .addOption(
      new Option('-p, --port <port>', 'port to listen on')
        .env('MLFLOW_PORT')
        .default(5000)
        .argParser(parsePort),
    )
    .addOption(
      new Option('-w, --workers <count>', 'accepted for MLflow compatibility; ignored').env(
        'MLFLOW_WORKERS',
      ),
    )
    .addOption(
      new Option('--static-prefix <prefix>', 'prefix of every route, e.g. /mlflow').env(
        'MLFLOW_STATIC_PREFIX',
      ),
    )
    .addOption(
      new Option(
        '--allowed-hosts <hosts>',
        'comma-separated Host patterns (default: localhost + private IPs)',
      ).env('MLFLOW_SERVER_ALLOWED_HOSTS'),
    )
    .addOption(
      new Option(
        '--cors-allowed-origins <origins>',
        'comma-separated origins (default: localhost)',
      ).env('MLFLOW_SERVER_CORS_ALLOWED_ORIGINS'),
    )
    .addOption(
      new Option('--x-frame-options <value>', 'SAMEORIGIN, DENY or NONE')
        .env('MLFLOW_SERVER_X_FRAME_OPTIONS')
        .default('SAMEORIGIN'),
    )
    .option('--disable-security-middleware', 'no Host check, CORS rules or security headers')
    .addOption(
      new Option('--static-dir <dir>', 'web UI build folder (default: the web package build)').env(
        'DSPYFLOW_STATIC_DIR',
      ),
    )
    .addOption(
      new Option('--traces-retention-days <days>', 'delete traces older than this many days')
        .env('DSPYFLOW_TRACES_RETENTION_DAYS')
        .argParser(parsePositive('number')),
    )
    .addOption(
      new Option('--traces-max-count <count>', 'keep at most this many traces per experiment')
        .env('DSPYFLOW_TRACES_MAX_COUNT')
        .argParser(parsePositive('integer')),
    )
    .addOption(
      new Option(
        '--traces-retention-interval-minutes <minutes>',
        'minutes between trace retention runs (default 60)',
      ).argParser(parsePositive('number')),
    )
    .action(async (options, command: Command) => {
      const { runServerCommand } = await import('./commands/server-start.ts')
      await runServerCommand({
        ...options,
        serveArtifacts: envFlag(command, 'serveArtifacts', 'MLFLOW_SERVE_ARTIFACTS'),
        disableSecurityMiddleware: envFlag(
          command,
          'disableSecurityMiddleware',
          'MLFLOW_SERVER_DISABLE_SECURITY_MIDDLEWARE',
        ),
      })
    })
}

/**
 * The `dspyflow` program.
 *
 * @example
 * await createProgram().parseAsync(['node', 'dspyflow', 'db', 'upgrade', 'sqlite:///mlflow.db'])
 */
export function createProgram(): Command {
  const program = new Command('dspyflow')
    .description('dspyflow: DSPy programs tracked in an MLflow-compatible server.')
    .version(PACKAGE_VERSION)
  addServerCommand(program, 'server')
  addServerCommand(program, 'ui')
  const db = program.command('db').description('Manage the tracking database.')
  db.command('upgrade')
    .description('Upgrade the schema of a tracking database to the latest version.')
    .argument('<url>', 'backend store URI, e.g. sqlite:///mlflow.db')
    .action(async (url: string) => {
      const { runDbUpgrade } = await import('./commands/db-upgrade.ts')
      process.exitCode = await runDbUpgrade({ url })
    })
  return program
}

/**
 * Runs the program on `argv` (as `process.argv`); failures print a message and set exit code 1.
 *
 * @example
 * await main(process.argv)
 */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await createProgram().parseAsync([...argv])
  } catch (error) {
    process.stderr.write(`dspyflow: ${describe(error)}\n`)
    process.exitCode = 1
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return error.message + cause
}
