import { InvalidArgumentError } from '../errors/dspy-error.ts'
import type { Example } from '../primitives/example.ts'
import { Prediction } from '../primitives/prediction.ts'
import { pythonFloatRepr } from '../python/py-float.ts'
import type { TraceStep } from '../settings/settings.ts'

/** What a metric may return: a number, a boolean (1 / 0), or a Prediction with a numeric `score`. */
export type MetricValue = number | boolean | Prediction

/**
 * A metric, DSPy's `metric(example, prediction, trace=None)`: Evaluate calls it with two
 * arguments, bootstrapping optimizers add the trace of the run. It may be async.
 *
 * @example
 * const exact: Metric = (example, prediction) => example.answer === prediction.answer
 */
export type Metric = (
  example: Example,
  prediction: Prediction,
  trace?: TraceStep[],
) => MetricValue | Promise<MetricValue>

/** One evaluated example: the example, the program's prediction and the metric's value. */
export type EvaluationRow = [example: Example, prediction: Prediction, score: MetricValue]

/**
 * A metric value as a number, as Python's `sum` sees it: booleans count 1 / 0, a Prediction counts
 * its `score`. Anything else cannot be summed (DSPy raises a TypeError there).
 *
 * @example
 * metricScore(true) // 1
 * metricScore(new Prediction({ score: 0.5, feedback: 'close' })) // 0.5
 */
export function metricScore(value: unknown): number {
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'number') return value
  if (value instanceof Prediction && typeof value.get('score') === 'number') {
    return value.get('score') as number
  }
  throw new InvalidArgumentError({
    message: `The metric returned ${describe(value)}; a metric must return a number, a boolean or a Prediction with a numeric \`score\`.`,
  })
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (value instanceof Prediction) return `a Prediction without a numeric score (${value})`
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`
  return `a value of type ${typeof value}`
}

/**
 * What `Evaluate.call` returns (DSPy's `EvaluationResult`, a Prediction): `score` is the
 * percentage `round(100 * sum / n, 2)`, `results` holds `[example, prediction, score]` per
 * example of the devset, in devset order.
 *
 * @example
 * const result = await evaluate.call(program)
 * console.log(result.score) // 66.67
 * for (const [example, prediction, score] of result.results) console.log(example.question, score)
 */
export class EvaluationResult extends Prediction {
  declare readonly score: number
  declare readonly results: EvaluationRow[]

  constructor(fields: { score: number; results: EvaluationRow[] }) {
    super({ score: fields.score, results: fields.results })
  }

  override toString(): string {
    const results = this.get('results') as EvaluationRow[]
    return `EvaluationResult(score=${pythonFloatRepr(this.get('score') as number)}, results=<list of ${results.length} results>)`
  }
}
