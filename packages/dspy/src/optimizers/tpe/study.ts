import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import { type CategoricalChoice, CategoricalDistribution } from './categorical-distribution.ts'
import type { FrozenTrial, Sampler, StudyDirection, TrialState } from './sampler.ts'
import { TPESampler } from './tpe-sampler.ts'
import { Trial, type TrialHost } from './trial.ts'

/** Options of {@link createStudy}. */
export interface CreateStudyOptions {
  /** Default `minimize`, as Optuna. */
  direction?: StudyDirection
  /** Default a `TPESampler` with a random seed. */
  sampler?: Sampler
}

/** A finished trial to add without running the objective (Optuna's `create_trial` + `add_trial`). */
export interface AddTrialOptions {
  params: Record<string, CategoricalChoice>
  /** Per parameter: its distribution or its list of choices; taken from earlier trials when omitted. */
  distributions?: Record<string, CategoricalDistribution | readonly CategoricalChoice[]>
  value: number
}

/** The objective of {@link Study.optimize}: the score of one trial. */
export type Objective = (trial: Trial) => number | Promise<number>

/**
 * A tiny Optuna `Study` for categorical search: `ask()`/`tell()`, `addTrial()` for results known
 * in advance, `optimize(objective, { nTrials })` and the best trial. Trials run one at a time;
 * a trial whose objective throws is marked failed and the error is re-thrown.
 *
 * @example
 * const study = createStudy({ direction: 'maximize', sampler: new TPESampler({ seed: 0 }) })
 * await study.optimize((trial) => score(trial.suggestCategorical('x', [0, 1, 2])), { nTrials: 20 })
 * study.bestParams // { x: ... }
 */
export class Study implements TrialHost {
  readonly direction: StudyDirection
  readonly sampler: Sampler
  private readonly allTrials: FrozenTrial[] = []

  constructor(options: CreateStudyOptions = {}) {
    this.direction = options.direction ?? 'minimize'
    this.sampler = options.sampler ?? new TPESampler()
  }

  /** Every trial in number order (copies of the list, the trials themselves are live). */
  get trials(): FrozenTrial[] {
    return [...this.allTrials]
  }

  getTrials(states?: readonly TrialState[]): FrozenTrial[] {
    return states
      ? this.allTrials.filter((trial) => states.includes(trial.state))
      : [...this.allTrials]
  }

  /** Starts a new trial. */
  ask(): Trial {
    const frozen: FrozenTrial = {
      number: this.allTrials.length,
      state: 'running',
      value: undefined,
      params: {},
      distributions: {},
    }
    this.allTrials.push(frozen)
    return new Trial(this, frozen)
  }

  /** Finishes a trial with its value (NaN marks it failed, as Optuna), or as failed. */
  tell(trial: Trial | number, value: number | undefined, state?: 'fail'): FrozenTrial {
    const number = typeof trial === 'number' ? trial : trial.number
    const frozen = this.allTrials[number]
    if (frozen?.state !== 'running') {
      throw new InvalidArgumentError({ message: `Trial ${number} is not running.` })
    }
    if (state === 'fail' || value === undefined || Number.isNaN(value)) frozen.state = 'fail'
    else {
      frozen.state = 'complete'
      frozen.value = value
    }
    return frozen
  }

  /** Adds a finished trial (it takes the next trial number). */
  addTrial(options: AddTrialOptions): FrozenTrial {
    const distributions: Record<string, CategoricalDistribution> = {}
    for (const [name, value] of Object.entries(options.params)) {
      const given = options.distributions?.[name]
      const distribution =
        given instanceof CategoricalDistribution
          ? given
          : given
            ? new CategoricalDistribution(given)
            : this.allTrials.findLast((trial) => name in trial.distributions)?.distributions[name]
      if (!distribution) {
        throw new InvalidArgumentError({
          message: `No distribution for the parameter '${name}'; pass it in \`distributions\`.`,
        })
      }
      distribution.toInternalRepr(value)
      distributions[name] = distribution
    }
    const frozen: FrozenTrial = {
      number: this.allTrials.length,
      state: 'complete',
      value: options.value,
      params: { ...options.params },
      distributions,
    }
    this.allTrials.push(frozen)
    return frozen
  }

  /** Runs `nTrials` trials of the objective, one after the other. */
  async optimize(objective: Objective, options: { nTrials: number }): Promise<void> {
    for (let index = 0; index < options.nTrials; index += 1) {
      const trial = this.ask()
      let value: number
      try {
        value = await objective(trial)
      } catch (error) {
        this.tell(trial, undefined, 'fail')
        throw error
      }
      this.tell(trial, value)
    }
  }

  /** The best complete trial (the first one on ties). */
  get bestTrial(): FrozenTrial {
    let best: FrozenTrial | undefined
    for (const trial of this.getTrials(['complete'])) {
      const better =
        best === undefined ||
        (this.direction === 'maximize' ? trial.value! > best.value! : trial.value! < best.value!)
      if (better) best = trial
    }
    if (!best) throw new InvalidArgumentError({ message: 'No trials are completed yet.' })
    return best
  }

  get bestValue(): number {
    return this.bestTrial.value!
  }

  get bestParams(): Record<string, CategoricalChoice> {
    return { ...this.bestTrial.params }
  }
}

/**
 * Creates a {@link Study} (Optuna's `create_study`).
 *
 * @example
 * const study = createStudy({ direction: 'maximize', sampler: new TPESampler({ seed: 9 }) })
 */
export function createStudy(options: CreateStudyOptions = {}): Study {
  return new Study(options)
}
