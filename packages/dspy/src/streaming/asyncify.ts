import { AsyncLocalStorage } from 'node:async_hooks'
import { InvalidArgumentError } from '../errors/dspy-error.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { settings } from '../settings/settings.ts'

/** What `asyncify` and `streamify` run: a module (anything with `call`) or a function of the inputs. */
export type CallableProgram =
  | { call(inputs: Record<string, unknown>): Promise<Prediction> }
  | ((inputs: Record<string, unknown>) => Prediction | Promise<Prediction>)

/** The function `asyncify` returns; `program` is the wrapped program (streamify reads it). */
export interface AsyncProgram {
  (inputs: Record<string, unknown>): Promise<Prediction>
  readonly program: CallableProgram
}

/** Options of {@link asyncify}. */
export interface AsyncifyOptions {
  /** How many calls may run at once; default: `settings.asyncMaxWorkers`, shared by all programs. */
  maxWorkers?: number
}

/** A counting semaphore whose size may change between calls (anyio's CapacityLimiter). */
class CapacityLimiter {
  private active = 0
  private readonly waiting: (() => void)[] = []

  constructor(private total: number) {}

  resize(total: number): void {
    this.total = total
    while (this.active < this.total && this.waiting.length > 0) {
      this.active++
      this.waiting.shift()!()
    }
  }

  async acquire(): Promise<void> {
    if (this.active < this.total) {
      this.active++
      return
    }
    // release() hands its slot over, so `active` already counts this call when it resolves.
    await new Promise<void>((resolve) => this.waiting.push(resolve))
  }

  release(): void {
    const next = this.active <= this.total ? this.waiting.shift() : undefined
    if (next) next()
    else this.active--
  }
}

let sharedLimiter: CapacityLimiter | undefined

function checkedWorkers(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError({
      message: `${name} must be a whole number of at least 1, got ${String(value)}.`,
    })
  }
  return value
}

/** The limiter shared by every asyncified program, sized by the current `asyncMaxWorkers`. */
function defaultLimiter(): CapacityLimiter {
  const total = checkedWorkers(settings.get('asyncMaxWorkers'), 'settings.asyncMaxWorkers')
  if (!sharedLimiter) sharedLimiter = new CapacityLimiter(total)
  else sharedLimiter.resize(total)
  return sharedLimiter
}

/**
 * DSPy's `dspy.asyncify(program)`: an async function that runs the program with the settings of
 * its caller (the `context()` in force when it is called, even if the call has to wait) and at
 * most `maxWorkers` calls at once; further calls wait for a running one to finish. Without
 * `maxWorkers`, all asyncified programs share one limit, `settings.asyncMaxWorkers` (default 8).
 *
 * @example
 * configure({ lm: new LM('openai/gpt-4o-mini'), asyncMaxWorkers: 4 })
 * const program = asyncify(new ChainOfThought('question -> answer'))
 * app.post('/predict', async (c) => c.json({ data: (await program(await c.req.json())).toDict() }))
 */
export function asyncify(program: CallableProgram, options: AsyncifyOptions = {}): AsyncProgram {
  const ownLimiter =
    options.maxWorkers === undefined
      ? undefined
      : new CapacityLimiter(checkedWorkers(options.maxWorkers, 'maxWorkers'))
  const run = (inputs: Record<string, unknown>): Promise<Prediction> =>
    typeof program === 'function' ? Promise.resolve(program(inputs)) : program.call(inputs)
  const asyncProgram = async (inputs: Record<string, unknown>): Promise<Prediction> => {
    const runInCallerContext = AsyncLocalStorage.snapshot()
    const limiter = ownLimiter ?? defaultLimiter()
    await limiter.acquire()
    try {
      return await runInCallerContext(() => run(inputs))
    } finally {
      limiter.release()
    }
  }
  return Object.assign(asyncProgram, { program })
}
