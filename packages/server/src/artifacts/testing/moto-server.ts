/**
 * @module moto-server
 * A real, local S3-compatible server for tests: moto's server mode from PyPI, pinned in
 * `conformance/s3/requirements.txt`. {@link startMotoServer} installs it into the repository's
 * `.venv` when missing (creating the venv with `python3 -m venv` if needed, reinstalling when
 * the requirements change), starts `moto_server -H 127.0.0.1 -p PORT` on a free port with its
 * output in a temporary log file, waits until it answers, and stops it on `stop()` (or when the
 * process exits).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { closeSync, existsSync, openSync, readFileSync, rmSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../testing/free-port.ts'

const REQUIREMENTS = join('conformance', 's3', 'requirements.txt')

/** A running moto server. */
export interface MotoServer {
  readonly port: number
  /** `http://127.0.0.1:<port>`: the S3 endpoint URL. */
  readonly endpointUrl: string
  /** Where the server's output goes (removed by `stop()`). */
  readonly logFile: string
  /** Stops the server and removes its log. Safe to call twice. */
  stop(): Promise<void>
}

/** Options of {@link startMotoServer} and {@link ensureMotoInstalled}. */
export interface StartMotoServerOptions {
  /** The repository root; default: the nearest folder above this file with `conformance/s3/requirements.txt`. */
  repoRoot?: string
  /** The virtualenv to use; default `<repoRoot>/.venv`. */
  venv?: string
  /** The interpreter that creates a missing venv; default `python3`. */
  python?: string
  /** How long to wait for the server to answer; default 60 s. */
  startupTimeoutMs?: number
}

/**
 * The repository root: the nearest folder above `start` (default: this file's folder) holding
 * `conformance/s3/requirements.txt`.
 *
 * @example
 * findRepoRoot() // '/work/main'
 */
export function findRepoRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let current = start
  while (!existsSync(join(current, REQUIREMENTS))) {
    const parent = dirname(current)
    if (parent === current) throw new Error(`No ${REQUIREMENTS} found above ${start}`)
    current = parent
  }
  return current
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000)
    }
    child.stdout.on('data', collect)
    child.stderr.on('data', collect)
    child.on('error', (error) =>
      reject(new Error(`Could not run ${command} (${error.message}). Is Python 3 installed?`)),
    )
    child.on('close', (code) => {
      if (code === 0) resolve()
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`))
    })
  })
}

/** Serialises installs across test processes with a lock folder (stale after 20 minutes). */
async function withInstallLock<T>(venv: string, action: () => Promise<T>): Promise<T> {
  const id = createHash('sha256').update(venv).digest('hex').slice(0, 16)
  const lock = join(tmpdir(), `dspyflow-moto-install-${id}.lock`)
  const deadline = Date.now() + 20 * 60_000
  while (true) {
    try {
      await mkdir(lock)
      break
    } catch {
      const age = await stat(lock).then(
        (info) => Date.now() - info.mtimeMs,
        () => 0,
      )
      if (age > 20 * 60_000) await rm(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the install lock ${lock}`)
      await sleep(500)
    }
  }
  try {
    return await action()
  } finally {
    await rm(lock, { recursive: true, force: true })
  }
}

/**
 * Makes sure `moto_server` is installed in the venv at the pinned version, creating the venv
 * and running `pip install -r conformance/s3/requirements.txt` when needed. Returns the path of
 * `moto_server`.
 *
 * @example
 * const motoServer = await ensureMotoInstalled() // '/repo/.venv/bin/moto_server'
 */
export async function ensureMotoInstalled(options: StartMotoServerOptions = {}): Promise<string> {
  const repoRoot = options.repoRoot ?? findRepoRoot()
  const venv = options.venv ?? join(repoRoot, '.venv')
  const requirements = join(repoRoot, REQUIREMENTS)
  const python = join(venv, 'bin', 'python')
  const motoServer = join(venv, 'bin', 'moto_server')
  const stamp = join(venv, '.s3-requirements.sha256')
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex')
  const installed = async () =>
    existsSync(motoServer) && (await readFile(stamp, 'utf8').catch(() => '')).trim() === wanted
  if (await installed()) return motoServer
  return withInstallLock(venv, async () => {
    if (await installed()) return motoServer
    try {
      if (!existsSync(python))
        await run(options.python ?? 'python3', ['-m', 'venv', venv], repoRoot)
      await run(
        python,
        ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements],
        repoRoot,
      )
    } catch (error) {
      throw new Error(
        `Could not install moto for the S3 artifact-store tests into ${venv} ` +
          `(pip install -r ${REQUIREMENTS}): ${(error as Error).message}`,
      )
    }
    if (!existsSync(motoServer)) throw new Error(`pip installed moto but ${motoServer} is missing`)
    await writeFile(stamp, `${wanted}\n`)
    return motoServer
  })
}

/** Servers not stopped yet, with their log folders: killed and removed when the process exits. */
const running = new Map<ChildProcess, string>()
let exitHookInstalled = false

function installExitHook(): void {
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const [child, folder] of running) {
      child.kill('SIGKILL')
      rmSync(folder, { recursive: true, force: true })
    }
  })
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

/** Polls the endpoint until it answers; false if the process exits or time runs out first. */
async function waitUntilAnswering(
  child: ChildProcess,
  url: string,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      await response.body?.cancel()
      if (response.status < 500) return true
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  return false
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(-4_000)
  } catch {
    return '(no log written)'
  }
}

/**
 * Installs moto if needed, then starts a fresh server on a free 127.0.0.1 port. Throws with the
 * server's log when it cannot start.
 *
 * @example
 * const moto = await startMotoServer()
 * const client = new S3({ endpoint: moto.endpointUrl, forcePathStyle: true, region: 'us-east-1',
 *   credentials: { accessKeyId: 'test', secretAccessKey: 'test' } })
 * // ...
 * await moto.stop()
 */
export async function startMotoServer(options: StartMotoServerOptions = {}): Promise<MotoServer> {
  const motoServer = await ensureMotoInstalled(options)
  const folder = await mkdtemp(join(tmpdir(), 'dspyflow-moto-'))
  const logFile = join(folder, 'moto.log')
  const timeout = options.startupTimeoutMs ?? 60_000
  let failure = ''
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const port = await freePort()
    const log = openSync(logFile, 'a')
    const child = spawn(motoServer, ['-H', '127.0.0.1', '-p', String(port)], {
      stdio: ['ignore', log, log],
      env: { ...process.env, PYTHONUNBUFFERED: '1' },
    })
    closeSync(log)
    let spawnError: Error | undefined
    child.on('error', (error) => {
      spawnError = error
    })
    running.set(child, folder)
    installExitHook()
    const endpointUrl = `http://127.0.0.1:${port}`
    if (await waitUntilAnswering(child, endpointUrl, timeout)) {
      let stopped = false
      return {
        port,
        endpointUrl,
        logFile,
        async stop() {
          if (stopped) return
          stopped = true
          child.kill('SIGTERM')
          if (!(await waitForExit(child, 5_000))) {
            child.kill('SIGKILL')
            await waitForExit(child, 5_000)
          }
          running.delete(child)
          await rm(folder, { recursive: true, force: true })
        },
      }
    }
    child.kill('SIGKILL')
    await waitForExit(child, 5_000)
    running.delete(child)
    failure =
      `attempt ${attempt}: moto_server on 127.0.0.1:${port} ` +
      (spawnError
        ? `could not be spawned (${spawnError.message})`
        : child.exitCode !== null
          ? `exited with code ${child.exitCode}`
          : `did not answer within ${timeout} ms`)
  }
  const log = tail(logFile)
  await rm(folder, { recursive: true, force: true })
  throw new Error(
    `moto_server (${motoServer}) could not be started: ${failure}.\n--- moto.log ---\n${log}`,
  )
}
