import { readFile, writeFile } from 'node:fs/promises'
import { StateError } from '../errors/dspy-error.ts'
import { pythonJsonDumps } from '../python/py-json.ts'

/**
 * The dependency versions written into saved states. Python DSPy reads exactly these three keys
 * on load and warns when they differ from its own; we write the environment whose file format we
 * reproduce, so that files from TypeScript load in DSPy 3.3.x without a warning.
 */
export const savedDependencyVersions = {
  python: '3.11',
  dspy: '3.3.1',
  cloudpickle: '3.1',
} as const

interface StateHolder {
  dumpState(): Record<string, unknown>
  loadState(state: Record<string, unknown>, options?: { allowUnsafeLmState?: boolean }): unknown
}

/** Options of {@link saveState}. */
export interface SaveStateOptions {
  /** Injectable file writer (tests). */
  writeFile?: (path: string, text: string) => Promise<void>
}

/**
 * Writes a program's state as DSPy's `save("x.json")` does: orjson's two-space layout, a final
 * newline and `metadata.dependency_versions`.
 */
export async function saveState(
  program: StateHolder,
  path: string,
  options: SaveStateOptions = {},
): Promise<void> {
  if (!path.endsWith('.json')) {
    throw new StateError({ message: `\`path\` must end with \`.json\`, but received: ${path}` })
  }
  const state = {
    ...program.dumpState(),
    metadata: { dependency_versions: { ...savedDependencyVersions } },
  }
  const text = `${pythonJsonDumps(state, { indent: 2, floatStyle: 'orjson' })}\n`
  await (options.writeFile ?? ((file, content) => writeFile(file, content, 'utf8')))(path, text)
}

/** Options of {@link loadState}. */
export interface LoadStateOptions {
  allowUnsafeLmState?: boolean
  readFile?: (path: string) => Promise<string>
}

/** Reads a state file written by DSPy (Python) or by {@link saveState} into the program. */
export async function loadState(
  program: StateHolder,
  path: string,
  options: LoadStateOptions = {},
): Promise<void> {
  if (path.endsWith('.pkl')) {
    throw new StateError({
      message: 'Pickle state files (.pkl) cannot be loaded outside Python; save as .json.',
    })
  }
  const text = await (options.readFile ?? ((file) => readFile(file, 'utf8')))(path)
  let state: Record<string, unknown>
  try {
    state = JSON.parse(text) as Record<string, unknown>
  } catch (error) {
    throw new StateError({
      message: `The state file ${path} is not valid JSON: ${(error as Error).message}`,
      cause: error,
    })
  }
  if (!state || typeof state !== 'object' || Array.isArray(state)) {
    throw new StateError({ message: `The state file ${path} must hold a JSON object.` })
  }
  const versions = (state.metadata as { dependency_versions?: Record<string, string> } | undefined)
    ?.dependency_versions
  for (const [key, saved] of Object.entries(versions ?? {})) {
    const current = savedDependencyVersions[key as keyof typeof savedDependencyVersions]
    if (current !== undefined && current !== saved) {
      console.warn(
        `There is a mismatch of ${key} version between saved model and current environment. You saved with \`${key}==${saved}\`, but now you have \`${key}==${current}\`. This might cause errors or performance downgrade on the loaded model, please consider loading the model in the same environment as the saving environment.`,
      )
    }
  }
  program.loadState(state, { allowUnsafeLmState: options.allowUnsafeLmState ?? false })
}
