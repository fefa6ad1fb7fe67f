import { Module } from '../primitives/module.ts'
import type { Prediction } from '../primitives/prediction.ts'
import { OutputField } from '../signatures/field.ts'
import type { FieldDeclaration } from '../signatures/field.ts'
import type { FieldType } from '../signatures/field-type.ts'
import {
  type SignatureDefinition,
  type Signature,
  ensureSignature,
} from '../signatures/signature.ts'
import { Predict, type PredictOptions } from './predict.ts'

/** Options of {@link ChainOfThought}. */
export interface ChainOfThoughtOptions extends PredictOptions {
  /** A custom reasoning field (default: `OutputField({ desc: '${reasoning}' })`). */
  rationaleField?: FieldDeclaration
  rationaleFieldType?: string | FieldType
}

/**
 * DSPy's `ChainOfThought`: a Predict whose signature gets a first output field `reasoning`.
 *
 * @example
 * const cot = new ChainOfThought('question -> answer')
 * const { reasoning, answer } = (await cot.call({ question })).toDict()
 */
export class ChainOfThought extends Module {
  predict: Predict

  constructor(
    signature: string | Signature | SignatureDefinition,
    options: ChainOfThoughtOptions = {},
  ) {
    super()
    const base = ensureSignature(signature)
    const field =
      options.rationaleField ?? OutputField({ desc: '${reasoning}', prefix: 'Reasoning:' })
    const extended = base.prepend('reasoning', field, options.rationaleFieldType ?? 'str')
    this.predict = new Predict(extended, options)
  }

  forward(inputs: Record<string, unknown>): Promise<Prediction> {
    return this.predict.call(inputs)
  }
}
