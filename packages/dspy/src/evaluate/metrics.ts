import { InvalidArgumentError } from '../errors/dspy-error.ts'
import type { Example } from '../primitives/example.ts'
import type { Prediction } from '../primitives/prediction.ts'

const asciiPunctuation = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')
// Python's `\b` is Unicode-aware: a word character is a letter, a number or `_` (not a mark).
const articles = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu
// Python's `str.split()` whitespace, which also counts \x1c-\x1f.
const whitespace = /[\s\x1c-\x1f\x85]+/u

function pythonSplit(text: string): string[] {
  return text.split(whitespace).filter((word) => word !== '')
}

/**
 * SQuAD-style normalization, DSPy's `normalize_text`: Unicode NFD, lower case, ASCII punctuation
 * removed, the articles «a», «an», «the» removed, whitespace collapsed.
 *
 * @example
 * normalizeText('The,  Eiffel  Tower!') // 'eiffel tower'
 */
export function normalizeText(text: string): string {
  const lower = text.normalize('NFD').toLowerCase()
  const withoutPunctuation = [...lower].filter((character) => !asciiPunctuation.has(character))
  return pythonSplit(withoutPunctuation.join('').replace(articles, ' ')).join(' ')
}

/**
 * Exact match after {@link normalizeText} (DSPy's `em_score`).
 *
 * @example
 * emScore('The Louvre.', 'louvre') // true
 */
export function emScore(prediction: string, groundTruth: string): boolean {
  return normalizeText(prediction) === normalizeText(groundTruth)
}

/**
 * Token-level F1 between a prediction and a reference after {@link normalizeText} (DSPy's
 * `f1_score`); 0 when no token is shared (also when both are empty).
 *
 * @example
 * f1Score('the Eiffel Tower', 'Eiffel Tower') // 1
 * f1Score('Eiffel Tower is in Paris', 'Paris') // 0.333...
 */
export function f1Score(prediction: string, groundTruth: string): number {
  const predictionTokens = pythonSplit(normalizeText(prediction))
  const truthTokens = pythonSplit(normalizeText(groundTruth))
  const counts = new Map<string, number>()
  for (const token of truthTokens) counts.set(token, (counts.get(token) ?? 0) + 1)
  let same = 0
  for (const token of predictionTokens) {
    const left = counts.get(token) ?? 0
    if (left > 0) {
      same += 1
      counts.set(token, left - 1)
    }
  }
  if (predictionTokens.length === 0 && truthTokens.length === 0) {
    console.log(
      '\n#> F1 Metric: Rare edge case of len(prediction_tokens) == len(ground_truth_tokens) == 0.\n',
    )
  }
  if (same === 0) return 0
  const precision = same / predictionTokens.length
  const recall = same / truthTokens.length
  return (2 * precision * recall) / (precision + recall)
}

function referenceAnswers(example: Example): string[] {
  const answer = example.get('answer')
  if (typeof answer === 'string') return [answer]
  if (Array.isArray(answer)) return answer as string[]
  throw new InvalidArgumentError({ message: `Invalid answer type: ${typeof answer}` })
}

/**
 * DSPy's `answer_exact_match` metric: `prediction.answer` equals one of `example.answer` (a string
 * or a list) after normalization; with `frac < 1`, the best token F1 must reach `frac` instead.
 *
 * @example
 * const example = new Example({ answer: ['Eiffel Tower', 'Louvre'] })
 * answerExactMatch(example, new Prediction({ answer: 'The Eiffel Tower' })) // true
 * answerExactMatch(example, new Prediction({ answer: 'Tower' }), undefined, { frac: 0.5 }) // true
 */
export function answerExactMatch(
  example: Example,
  prediction: Prediction,
  _trace?: unknown,
  options: { frac?: number } = {},
): boolean {
  const frac = options.frac ?? 1
  const answers = referenceAnswers(example)
  const predicted = String(prediction.get('answer'))
  if (frac >= 1) return answers.some((answer) => emScore(predicted, answer))
  return Math.max(...answers.map((answer) => f1Score(predicted, answer))) >= frac
}

const dprToken = /[\p{L}\p{N}\p{M}]+|[^\p{Z}\p{C}]/gu

/** DSPy's `DPR_normalize`: NFD, then letters/numbers/marks runs and single symbols, lower-cased. */
function dprTokens(text: string): string[] {
  return [...text.normalize('NFD').matchAll(dprToken)].map((match) => match[0].toLowerCase())
}

function containsTokens(text: string[], answer: string[]): boolean {
  for (let start = 0; start + answer.length <= text.length; start += 1) {
    if (answer.every((token, offset) => text[start + offset] === token)) return true
  }
  return false
}

/**
 * DSPy's `answer_passage_match` metric: one of the passages in `prediction.context` contains one
 * of `example.answer` as a run of DPR tokens after normalization.
 *
 * @example
 * const example = new Example({ answer: 'Eiffel Tower' })
 * answerPassageMatch(example, new Prediction({ context: ['The Eiffel Tower is in Paris.'] })) // true
 */
export function answerPassageMatch(
  example: Example,
  prediction: Prediction,
  _trace?: unknown,
): boolean {
  const answers = referenceAnswers(example).map((answer) => dprTokens(normalizeText(answer)))
  const passages = (prediction.get('context') ?? []) as string[]
  return passages.some((passage) => {
    const text = dprTokens(normalizeText(passage))
    return answers.some((answer) => containsTokens(text, answer))
  })
}
