/**
 * @module postgres-server
 * Starts a throwaway PostgreSQL server for tests: `initdb` into a temporary folder, a free
 * 127.0.0.1 port, `pg_ctl start`, and on `stop()` a shutdown and removal of the folder. As root
 * (CI containers), PostgreSQL refuses to run, so the server runs as the `postgres` system user
 * (or `nobody`) with the folder handed over to it. A process-exit hook stops servers a crashed
 * test run left behind.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { freePort } from '../../testing/free-port.ts'

/** Where the PostgreSQL server binaries are. */
export interface PostgresBinaries {
  directory: string
  initdb: string
  pgCtl: string
}

/** A running throwaway server. */
export interface PostgresServer {
  readonly port: number
  /** Connection string of the `postgres` database (superuser `postgres`, no password). */
  readonly connectionString: string
  readonly dataDirectory: string
  /** Creates a database and returns its connection string. */
  createDatabase(name: string): Promise<string>
  /** Stops the server and removes its folder. Safe to call twice. */
  stop(): Promise<void>
}

function candidateDirectories(): string[] {
  const candidates: string[] = []
  for (const variable of ['DSPYFLOW_PG_BIN', 'PG_BIN']) {
    const value = process.env[variable]
    if (value) candidates.push(value)
  }
  for (const root of ['/usr/lib/postgresql', '/usr/local/opt', '/opt/homebrew/opt']) {
    if (!existsSync(root)) continue
    const versions = readdirSync(root)
      .filter((name) => /^(postgresql@?)?\d+(\.\d+)?$/.test(name) || /^\d+$/.test(name))
      .sort((a, b) => Number(b.replace(/\D+/g, '')) - Number(a.replace(/\D+/g, '')))
    for (const version of versions) candidates.push(join(root, version, 'bin'))
  }
  candidates.push('/usr/local/pgsql/bin', '/usr/pgsql/bin')
  candidates.push(...(process.env.PATH ?? '').split(delimiter).filter(Boolean))
  return candidates
}

/**
 * Finds `initdb` and `pg_ctl`: `$DSPYFLOW_PG_BIN`, `$PG_BIN`, Debian's `/usr/lib/postgresql/<v>/bin`
 * (newest first), Homebrew, then `PATH`. Undefined when PostgreSQL is not installed.
 *
 * @example
 * const binaries = findPostgresBinaries()
 * if (!binaries) console.log('install postgresql to run the PostgreSQL store tests')
 */
export function findPostgresBinaries(): PostgresBinaries | undefined {
  for (const directory of candidateDirectories()) {
    const initdb = join(directory, 'initdb')
    const pgCtl = join(directory, 'pg_ctl')
    if (existsSync(initdb) && existsSync(pgCtl)) return { directory, initdb, pgCtl }
  }
  return undefined
}

interface RunAs {
  uid: number
  gid: number
}

/** As root, the unprivileged account to run PostgreSQL as; otherwise undefined. */
function unprivilegedAccount(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined
  let passwd = ''
  try {
    passwd = readFileSync('/etc/passwd', 'utf8')
  } catch {
    // fall through to the error below
  }
  for (const name of ['postgres', 'nobody']) {
    const line = passwd.split('\n').find((entry) => entry.startsWith(`${name}:`))
    const fields = line?.split(':')
    if (fields && fields.length > 3) return { uid: Number(fields[2]), gid: Number(fields[3]) }
  }
  throw new Error(
    'Running as root, and neither a `postgres` nor a `nobody` user exists to run PostgreSQL as ' +
      '(PostgreSQL refuses to run as root). Create one, e.g. `useradd postgres`.',
  )
}

function run(
  command: string,
  args: string[],
  options: { runAs: RunAs | undefined; cwd: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.runAs ?? {}),
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`))
    })
  })
}

const running = new Set<() => void>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const stop of running) stop()
  })
}

/**
 * Starts a fresh server. Throws if the binaries are missing (check with
 * {@link findPostgresBinaries} first to skip instead).
 *
 * @example
 * const server = await startPostgresServer()
 * const url = await server.createDatabase('tracking')
 * // ... use url ...
 * await server.stop()
 */
export async function startPostgresServer(
  options: { binaries?: PostgresBinaries } = {},
): Promise<PostgresServer> {
  const binaries = options.binaries ?? findPostgresBinaries()
  if (!binaries) {
    throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found; set DSPYFLOW_PG_BIN')
  }
  const runAs = unprivilegedAccount()
  // As root, the folder must be reachable by the unprivileged user: /tmp always is.
  const base = await mkdtemp(join(runAs ? '/tmp' : tmpdir(), 'dspyflow-pg-'))
  const dataDirectory = join(base, 'data')
  const logFile = join(base, 'postgres.log')
  if (runAs) {
    await chmod(base, 0o700)
    await chown(base, runAs.uid, runAs.gid)
  }
  const spawnOptions = { runAs, cwd: base }
  try {
    await run(
      binaries.initdb,
      [
        '-D',
        dataDirectory,
        '-U',
        'postgres',
        '-A',
        'trust',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ],
      spawnOptions,
    )
    const port = await startOnFreePort(binaries, dataDirectory, logFile, spawnOptions)
    const stopSync = () => {
      spawnSync(binaries.pgCtl, ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop'], {
        cwd: base,
        stdio: 'ignore',
        ...(runAs ?? {}),
      })
      spawnSync('rm', ['-rf', base], { stdio: 'ignore' })
    }
    running.add(stopSync)
    installExitHook()
    let stopped = false
    const connectionString = `postgresql://postgres@127.0.0.1:${port}/postgres`
    return {
      port,
      connectionString,
      dataDirectory,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid database name '${name}'`)
        const { default: pg } = await import('pg')
        const client = new pg.Client({ connectionString })
        await client.connect()
        try {
          await client.query(`CREATE DATABASE ${name}`)
        } finally {
          await client.end()
        }
        return `postgresql://postgres@127.0.0.1:${port}/${name}`
      },
      async stop() {
        if (stopped) return
        stopped = true
        running.delete(stopSync)
        await run(
          binaries.pgCtl,
          ['-D', dataDirectory, '-m', 'fast', '-w', 'stop'],
          spawnOptions,
        ).catch(() => undefined)
        await rm(base, { recursive: true, force: true })
      },
    }
  } catch (error) {
    await rm(base, { recursive: true, force: true })
    throw error
  }
}

async function startOnFreePort(
  binaries: PostgresBinaries,
  dataDirectory: string,
  logFile: string,
  spawnOptions: { runAs: RunAs | undefined; cwd: string },
): Promise<number> {
  let lastError: unknown
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort()
    const serverOptions = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${dataDirectory}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
    ].join(' ')
    try {
      await run(
        binaries.pgCtl,
        ['-D', dataDirectory, '-l', logFile, '-w', '-t', '60', '-o', serverOptions, 'start'],
        spawnOptions,
      )
      return port
    } catch (error) {
      lastError = error
    }
  }
  let log = ''
  try {
    log = readFileSync(logFile, 'utf8')
  } catch {
    // no log written
  }
  throw new Error(`PostgreSQL did not start: ${String(lastError)}\n${log}`)
}
