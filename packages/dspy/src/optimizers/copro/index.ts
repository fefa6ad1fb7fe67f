/**
 * COPRO (coordinate-ascent prompt optimization), DSPy's `dspy.COPRO`.
 *
 * @example
 * import { COPRO } from '@dspyflow/dspy'
 * const compiled = await new COPRO({ metric, breadth: 4, depth: 2 }).compile(program, { trainset })
 */
export {
  COPRO,
  type COPROCandidate,
  type COPROCompileOptions,
  type COPROOptions,
  type COPROResult,
} from './copro.ts'
export { basicGenerateInstruction, generateInstructionGivenAttempts } from './copro-signatures.ts'
export type { COPROStats } from './copro-stats.ts'
