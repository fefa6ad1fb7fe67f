import { InvalidArgumentError } from '../../errors/dspy-error.ts'
import type { PythonRandom } from '../../python/python-random.ts'
import { PythonIntSet } from './python-int-set.ts'

/** Per validation example (by id, in valset order): the candidates that reach its best score. */
export type ParetoFrontMapping = Map<number, PythonIntSet>

/** gepa's `idxmax`: the first index of the largest value. */
export function idxmax(values: readonly number[]): number {
  let best = 0
  for (let index = 1; index < values.length; index += 1)
    if (values[index]! > values[best]!) best = index
  return best
}

/**
 * Whether candidate `program` is dominated: every front it belongs to also holds one of
 * `others` (gepa's `is_dominated`).
 */
export function isDominated(options: {
  program: number
  others: ReadonlySet<number>
  fronts: ParetoFrontMapping
}): boolean {
  for (const front of options.fronts.values()) {
    if (!front.has(options.program)) continue
    if (![...front].some((other) => options.others.has(other))) return false
  }
  return true
}

/**
 * gepa's `remove_dominated_programs`: repeatedly drops the lowest-scoring candidate that is
 * dominated by the remaining ones, and returns the fronts restricted to the survivors.
 *
 * @example
 * const fronts = new Map([[0, new PythonIntSet([0, 1])], [1, new PythonIntSet([1])]])
 * removeDominatedPrograms({ fronts, scores: [0.5, 1] }) // both fronts keep only candidate 1
 */
export function removeDominatedPrograms(options: {
  fronts: ParetoFrontMapping
  scores?: readonly number[]
}): ParetoFrontMapping {
  const { fronts } = options
  const frequency = new Map<number, number>()
  for (const front of fronts.values())
    for (const program of front) frequency.set(program, (frequency.get(program) ?? 0) + 1)
  const score = (program: number) => (options.scores ? options.scores[program]! : 1)
  const programs = [...frequency.keys()].sort((a, b) =>
    score(a) < score(b) ? -1 : score(a) > score(b) ? 1 : 0,
  )
  const dominated = new Set<number>()
  let foundToRemove = true
  while (foundToRemove) {
    foundToRemove = false
    for (const program of programs) {
      if (dominated.has(program)) continue
      const others = new Set(programs.filter((other) => other !== program && !dominated.has(other)))
      if (isDominated({ program, others, fronts })) {
        dominated.add(program)
        foundToRemove = true
        break
      }
    }
  }
  const dominators = new Set(programs.filter((program) => !dominated.has(program)))
  return new Map(
    [...fronts].map(([valId, front]) => [
      valId,
      front.filter((program) => dominators.has(program)),
    ]),
  )
}

/** gepa's `find_dominator_programs`: the candidates left on some front, in CPython set order. */
export function findDominatorPrograms(options: {
  fronts: ParetoFrontMapping
  scores: readonly number[]
}): number[] {
  const reduced = removeDominatedPrograms(options)
  const all: number[] = []
  for (const front of reduced.values()) all.push(...front)
  return [...new PythonIntSet(all)]
}

/**
 * gepa's `select_program_candidate_from_pareto_front`: after removing dominated candidates, draws
 * one with probability proportional to the number of validation examples it is best on.
 *
 * @example
 * const rng = new PythonRandom(0)
 * selectFromParetoFront({ fronts, scores: [0.5, 1], rng }) // 1
 */
export function selectFromParetoFront(options: {
  fronts: ParetoFrontMapping
  scores: readonly number[]
  rng: PythonRandom
}): number {
  const reduced = removeDominatedPrograms(options)
  const frequency = new Map<number, number>()
  for (const front of reduced.values())
    for (const program of front) frequency.set(program, (frequency.get(program) ?? 0) + 1)
  const samplingList: number[] = []
  for (const [program, count] of frequency)
    for (let i = 0; i < count; i += 1) samplingList.push(program)
  if (samplingList.length === 0)
    throw new InvalidArgumentError({ message: 'The Pareto front is empty.' })
  return options.rng.choice(samplingList)
}
