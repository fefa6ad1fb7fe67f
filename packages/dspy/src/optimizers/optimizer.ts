import { AsyncLocalStorage } from 'node:async_hooks'
import type { Callback, TrialEvent } from '../callbacks/callback.ts'
import { emitTrialEvent, getActiveCallId, runWithCallbacks } from '../callbacks/with-callbacks.ts'
import type { Example } from '../primitives/example.ts'
import type { Module } from '../primitives/module.ts'

/** What every `compile` takes (DSPy's `compile(student, *, trainset, teacher=None, valset=None)`). */
export interface CompileOptions {
  trainset: Example[]
  teacher?: Module | undefined
  valset?: Example[] | undefined
}

/** A trial as an optimizer reports it; the compile call id and the optimizer are filled in. */
export type TrialReport = Omit<TrialEvent, 'compileCallId' | 'optimizer'>

/** The optimizers whose `compile` is running in the current async context. */
const activeCompiles = new AsyncLocalStorage<ReadonlySet<Optimizer<CompileOptions>>>()

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
}

/**
 * The base of every optimizer (DSPy's `Teleprompter`). Subclasses implement `compileProgram`;
 * callers use `compile(student, { trainset, ... })`, which fires the `onCompileStart` /
 * `onCompileEnd` callbacks once: a compile of the same optimizer nested inside its own compile
 * (a subclass delegating to its parent's logic through `compile`) is not reported again.
 *
 * @example
 * class KeepFirst extends Optimizer {
 *   protected async compileProgram<P extends Module>(student: P, { trainset }: CompileOptions) {
 *     const program = student.resetCopy()
 *     for (const predictor of program.predictors()) (predictor as Predict).demos = trainset.slice(0, 2)
 *     return program
 *   }
 * }
 * const compiled = await new KeepFirst().compile(program, { trainset })
 */
export abstract class Optimizer<Options extends CompileOptions = CompileOptions> {
  /** Callbacks of this optimizer, besides the `callbacks` setting. */
  declare callbacks?: Callback[]

  /** Optimizes `student` and returns the optimized program (a new object). */
  compile<P extends Module>(student: P, options: Options): Promise<P> {
    const active = activeCompiles.getStore()
    const self = this as unknown as Optimizer<CompileOptions>
    if (active?.has(self)) return this.compileProgram(student, options)
    const next = new Set(active)
    next.add(self)
    return activeCompiles.run(next, () =>
      runWithCallbacks({
        kind: 'compile',
        instance: this,
        inputs: this.compileCallInputs(student, options),
        instanceCallbacks: this.callbacks ?? [],
        fn: () => this.compileProgram(student, options),
      }),
    )
  }

  /** The optimization itself; called by `compile`. */
  protected abstract compileProgram<P extends Module>(student: P, options: Options): Promise<P>

  /**
   * The compile inputs callbacks receive, as DSPy binds them: `student` plus the options with
   * DSPy's snake_case names (`trainset`, `valset`, `labeled_sample`, ...). Subclasses add the
   * defaults of their own options.
   */
  protected compileCallInputs(student: Module, options: Options): Record<string, unknown> {
    const inputs: Record<string, unknown> = { student }
    for (const [key, value] of Object.entries(options)) inputs[snakeCase(key)] = value
    return inputs
  }

  /**
   * The optimizer's attributes with DSPy's snake_case names (DSPy's `get_params()`, i.e.
   * `__dict__`): the constructor options, plus the state a finished compile left behind.
   */
  getParams(): Record<string, unknown> {
    return Object.fromEntries(
      Object.entries(this)
        .filter(([key]) => key !== 'callbacks')
        .map(([key, value]) => [snakeCase(key), value]),
    )
  }

  /** Reports one trial to the callbacks' `onTrialEnd`, tagged with the running compile call. */
  protected emitTrial(report: TrialReport): void {
    emitTrialEvent(
      { ...report, compileCallId: getActiveCallId(), optimizer: this },
      this.callbacks ?? [],
    )
  }
}

/** DSPy's name for {@link Optimizer}. */
export { Optimizer as Teleprompter }
