/**
 * @module machine
 * What a benchmark report says about the machine it ran on: cores, CPU model, Node.js, platform
 * and the Python of the reference's virtualenv (.venv-mlflow) when there is one.
 */
import { execFileSync } from 'node:child_process'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { root } from './server-process.ts'

/** The machine line of a benchmark result. */
export interface BenchMachine {
  cores: number
  cpu: string
  node: string
  python?: string
  platform: string
}

function pythonVersion(): string | undefined {
  try {
    const python = join(root, '.venv-mlflow', 'bin', 'python')
    return execFileSync(python, ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return undefined
  }
}

/**
 * This machine, as benchmark results record it.
 *
 * @example
 * benchMachine() // { cores: 2, cpu: 'AMD EPYC', node: 'v20.20.2', platform: 'linux x64', python: 'Python 3.11.7' }
 */
export function benchMachine(): BenchMachine {
  const machine: BenchMachine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  }
  const python = pythonVersion()
  if (python) machine.python = python
  return machine
}
