/**
 * Starting and stopping a tracking server process for bench/tracking: a free port, a clean
 * environment, its own process group and log file, ready once `/health` answers.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root (the servers' working directory). */
export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Progress on stderr (stdout carries the result). */
export const log = (message: string) => process.stderr.write(`[bench/tracking] ${message}\n`)

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

export interface Running {
  url: string
  child: ChildProcess
  logPath: string
  startupMs: number
  stop(): Promise<void>
}

export function serverEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra }
  for (const name of [
    'MLFLOW_TRACKING_URI',
    'MLFLOW_EXPERIMENT_ID',
    'MLFLOW_RUN_ID',
    'NODE_OPTIONS',
  ])
    delete env[name]
  return env
}

/** Starts a server in its own process group, logs to a file, waits for /health. */
export async function startServer(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  workdir: string,
  port: number,
): Promise<Running> {
  const logPath = join(workdir, 'server.log')
  const out = openSync(logPath, 'w')
  const start = performance.now()
  const child = spawn(command, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  })
  closeSync(out)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const url = `http://127.0.0.1:${port}`
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {}
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), 15_000),
    )
    await Promise.race([exited, timeout])
    try {
      process.kill(-child.pid!, 'SIGKILL') // workers that outlived their parent
    } catch {}
  }
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${command} exited with ${child.exitCode}:\n${tail(logPath)}`)
    try {
      const response = await fetch(`${url}/health`)
      await response.text()
      if (response.status === 200)
        return { url, child, logPath, startupMs: Math.round(performance.now() - start), stop }
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stop()
  throw new Error(`${command} did not answer /health in 120 s:\n${tail(logPath)}`)
}

function tail(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8').slice(-3000) : '(no log)'
}

export async function version(url: string): Promise<string> {
  const response = await fetch(`${url}/version`)
  return (await response.text()).trim()
}

/** A started server and the command line that started it (for the report). */
export interface StartedServer {
  running: Running
  command: string
}

/**
 * Starts the reference `mlflow server` (.venv-mlflow) on `<workdir>/ref.db`, telemetry and the
 * job runner off; `workers` passes `--workers` (default: mlflow's own default).
 */
export async function startReferenceServer(
  workdir: string,
  options: { workers?: string } = {},
): Promise<StartedServer> {
  const mlflow = join(root, '.venv-mlflow', 'bin', 'mlflow')
  if (!existsSync(mlflow))
    throw new Error(`${mlflow} missing: pip install -r conformance/mlflow/requirements.txt`)
  const port = await freePort()
  const args = [
    'server',
    '--backend-store-uri',
    `sqlite:///${join(workdir, 'ref.db')}`,
    '--artifacts-destination',
    join(workdir, 'ref-artifacts'),
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    ...(options.workers ? ['--workers', options.workers] : []),
  ]
  log(`reference: starting mlflow server in ${workdir}`)
  const env = serverEnv({
    MLFLOW_DISABLE_TELEMETRY: 'true',
    DO_NOT_TRACK: 'true',
    MLFLOW_SERVER_ENABLE_JOB_EXECUTION: 'false',
    PYTHONUNBUFFERED: '1',
  })
  const running = await startServer(mlflow, args, env, workdir, port)
  return { running, command: `mlflow ${args.join(' ')}` }
}

/**
 * Starts our `dspyflow server` on `<workdir>/ours.db`; `cpuProfileDir` runs it under
 * `node --cpu-prof` writing the profile there on exit; `checkout` runs the server of another
 * copy of the repository (e.g. an unpacked earlier commit, for before/after measurements);
 * `nodeArgs` go to node before the script (e.g. `--perf-basic-prof` for `perf record`).
 */
export async function startOurServer(
  workdir: string,
  options: { cpuProfileDir?: string; checkout?: string; nodeArgs?: string[] } = {},
): Promise<StartedServer> {
  const port = await freePort()
  const args = [
    join(options.checkout ?? root, 'packages', 'server', 'bin', 'dspyflow.mjs'),
    'server',
    '--backend-store-uri',
    `sqlite:///${join(workdir, 'ours.db')}`,
    '--artifacts-destination',
    join(workdir, 'ours-artifacts'),
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
  ]
  const profileDir = options.cpuProfileDir
  const nodeArgs = [
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
    ...(options.nodeArgs ?? []),
  ]
  log(`ours: starting in ${workdir}`)
  const running = await startServer(
    process.execPath,
    [...nodeArgs, ...args],
    serverEnv({}),
    workdir,
    port,
  )
  return { running, command: `node ${args.join(' ')}` }
}
