import { AsyncLocalStorage } from 'node:async_hooks'
import type { Callback } from '../callbacks/callback.ts'

/** One step of a program trace: the predictor, its inputs and its prediction. */
export interface TraceStep {
  predictor: unknown
  inputs: Record<string, unknown>
  prediction: unknown
}

/** Everything `configure()` and `context()` can set, with DSPy's names in camelCase. */
export interface SettingsValues {
  /** The default LM (a `BaseLM`). */
  lm: unknown
  /** The default adapter; `ChatAdapter` when undefined. */
  adapter: unknown
  trace: TraceStep[] | undefined
  callbacks: Callback[]
  asyncMaxWorkers: number
  trackUsage: boolean
  usageTracker: unknown
  disableHistory: boolean
  maxHistorySize: number
  maxTraceSize: number
  numThreads: number
  maxErrors: number
  provideTraceback: boolean
  warnOnTypeMismatch: boolean
  /** Modules currently being called, outermost first (their history receives LM entries). */
  callerModules: unknown[]
  /** The predictor whose LM call is under way (streaming routes chunks by it). */
  callerPredict: unknown
  /** Where streaming LM chunks go while a streamified program runs. */
  sendStream: unknown
  streamListeners: unknown[]
  /** Free-form extension settings. */
  [key: string]: unknown
}

function defaults(): SettingsValues {
  return {
    lm: undefined,
    adapter: undefined,
    trace: [],
    callbacks: [],
    asyncMaxWorkers: 8,
    trackUsage: false,
    usageTracker: undefined,
    disableHistory: false,
    maxHistorySize: 10_000,
    maxTraceSize: 10_000,
    numThreads: 8,
    maxErrors: 10,
    provideTraceback: false,
    warnOnTypeMismatch: true,
    callerModules: [],
    callerPredict: undefined,
    sendStream: undefined,
    streamListeners: [],
  }
}

/**
 * DSPy's settings: one global configuration plus scoped overrides. `context()` runs a function
 * with overrides held in AsyncLocalStorage, so concurrent calls each see only their own.
 */
export class Settings {
  private global: SettingsValues = defaults()
  private readonly overrides = new AsyncLocalStorage<Partial<SettingsValues>>()

  /** The current value of a setting: the innermost override, else the global value. */
  get<K extends keyof SettingsValues>(key: K): SettingsValues[K] {
    const scoped = this.overrides.getStore()
    if (scoped && key in scoped) return scoped[key] as SettingsValues[K]
    return this.global[key]
  }

  get lm(): unknown {
    return this.get('lm')
  }

  get adapter(): unknown {
    return this.get('adapter')
  }

  /** All current values (global merged with the active overrides). */
  snapshot(): SettingsValues {
    return { ...this.global, ...this.overrides.getStore() }
  }

  /** Changes the global configuration. Inside a `context()` the overrides still win. */
  configure(values: Partial<SettingsValues>): void {
    this.global = { ...this.global, ...values }
  }

  /** Runs `fn` with the given overrides on top of the current ones; nothing leaks outside. */
  context<T>(values: Partial<SettingsValues>, fn: () => T): T {
    const merged = { ...this.overrides.getStore(), ...values }
    return this.overrides.run(merged, fn)
  }

  /** Restores every default (for tests). */
  reset(): void {
    this.global = defaults()
  }
}

/** The process-wide settings object (DSPy's `dspy.settings`). */
export const settings = new Settings()

/** DSPy's `dspy.configure(...)`. */
export function configure(values: Partial<SettingsValues>): void {
  settings.configure(values)
}

/**
 * DSPy's `with dspy.context(...)`: runs `fn` with scoped settings.
 *
 * @example
 * const answer = await context({ lm: otherLm }, () => program.call({ question }))
 */
export function context<T>(values: Partial<SettingsValues>, fn: () => T): T {
  return settings.context(values, fn)
}
