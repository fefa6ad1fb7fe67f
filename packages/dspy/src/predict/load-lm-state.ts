import { StateError } from '../errors/dspy-error.ts'
import type { BaseLM } from '../lm/base-lm.ts'

type LmFactory = (state: Record<string, unknown>) => BaseLM

let lmFactory: LmFactory | undefined

/** Registers how saved LM states become LMs (the LM module does this when it is loaded). */
export function registerLmStateLoader(factory: LmFactory): void {
  lmFactory = factory
}

const unsafeKeys = ['api_base', 'base_url', 'model_list']

/** DSPy's LM state loading: drops unsafe keys unless allowed, refuses foreign LM classes. */
export function loadLmState(
  state: Record<string, unknown>,
  options: { allowUnsafeLmState?: boolean } = {},
): BaseLM {
  const cleaned = { ...state }
  if (!options.allowUnsafeLmState) {
    const dropped = unsafeKeys.filter((key) => key in cleaned)
    if (dropped.length > 0) {
      console.warn(`Ignoring unsafe LM config key(s) during state load: ${dropped.join(', ')}`)
      for (const key of dropped) delete cleaned[key]
    }
    const lmClass = cleaned._dspy_lm_class
    if (lmClass !== undefined && lmClass !== 'dspy.clients.lm.LM') {
      throw new StateError({
        message: `Loading the LM class '${String(lmClass)}' needs allowUnsafeLmState.`,
      })
    }
  }
  if (!lmFactory) throw new StateError({ message: 'No LM state loader is registered.' })
  return lmFactory(cleaned)
}
