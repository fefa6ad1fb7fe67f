/**
 * @module @dspyflow/dspy
 * DSPy 3.x in TypeScript: signatures, adapters, LMs, modules, settings and callbacks, with
 * DSPy's public names in camelCase. Prompts and saved states are byte-compatible with DSPy 3.3.
 *
 * @example
 * import * as dspy from '@dspyflow/dspy'
 * dspy.configure({ lm: new dspy.LM('openai/gpt-4o-mini') })
 * const qa = new dspy.ChainOfThought('question -> answer')
 * const prediction = await qa.call({ question: 'What is 2 + 2?' })
 */
export { Adapter, type AdapterCallArguments, type AdapterOptions } from './adapters/adapter.ts'
export { ChatAdapter, type ChatAdapterOptions } from './adapters/chat-adapter.ts'
export { JSONAdapter } from './adapters/json-adapter.ts'
export { formatFieldValue } from './adapters/format-field-value.ts'
export { parseValue } from './adapters/parse-value.ts'
export type {
  Callback,
  CallEndEvent,
  CallStartEvent,
  CallbackKind,
  TrialEvent,
} from './callbacks/callback.ts'
export {
  getActiveCallId,
  runWithCallbacks,
  setCallIdGenerator,
} from './callbacks/with-callbacks.ts'
export { AdapterParseError } from './errors/adapter-parse-error.ts'
export {
  DspyError,
  type DspyErrorCode,
  InvalidArgumentError,
  MissingInputError,
  NoLmConfiguredError,
  SignatureError,
  StateError,
} from './errors/dspy-error.ts'
export { LmError } from './errors/lm-error.ts'
export { BaseLM, type BaseLmOptions, globalHistory, type LmCallArguments } from './lm/base-lm.ts'
export * from './lm/index.ts'
export type * from './lm/lm-types.ts'
export { UsageTracker } from './lm/usage-tracker.ts'
export { ChainOfThought, type ChainOfThoughtOptions } from './predict/chain-of-thought.ts'
export { Predict, type PredictCallOverrides, type PredictOptions } from './predict/predict.ts'
export { Example } from './primitives/example.ts'
export { Module, type Parameter } from './primitives/module.ts'
export { Completions, Prediction } from './primitives/prediction.ts'
export { PyFloat, pythonFloatRepr } from './python/py-float.ts'
export { PythonRandom } from './python/python-random.ts'
export {
  configure,
  context,
  Settings,
  type SettingsValues,
  settings,
  type TraceStep,
} from './settings/settings.ts'
export { annotationName } from './signatures/annotation-name.ts'
export {
  type FieldDeclaration,
  type FieldOptions,
  InputField,
  OutputField,
  type SignatureField,
} from './signatures/field.ts'
export type { FieldType, LiteralValue, ModelField } from './signatures/field-type.ts'
export { inferPrefix } from './signatures/infer-prefix.ts'
export { type CustomTypes, parseTypeExpression } from './signatures/parse-type-expression.ts'
export {
  ensureSignature,
  Signature,
  type SignatureDefinition,
  type SignatureOptions,
  type SignatureState,
} from './signatures/signature.ts'
export { pydanticJsonSchema } from './signatures/type-json-schema.ts'
export { zodToFieldType } from './signatures/zod-field-type.ts'
export { loadState, saveState, savedDependencyVersions } from './state/state-file.ts'
export { formatHistory, type FormatHistoryOptions } from './utils/inspect-history.ts'
export {
  type JsonSchema,
  Tool,
  ToolError,
  type ToolFromZodOptions,
  type ToolFunction,
  type ToolOptions,
} from './predict/tool.ts'
export { ReAct, type ReActOptions } from './predict/react.ts'
export { BestOfN, type BestOfNOptions, type RewardFunction } from './predict/best-of-n.ts'
export { OfferFeedback, Refine, type RefineOptions } from './predict/refine.ts'
export { Parallel, type ParallelOptions, type ParallelPair } from './predict/parallel.ts'
export { type BoundedResult, runBounded, type RunBoundedOptions } from './utils/run-bounded.ts'
export * from './streaming/index.ts'
export * from './datasets/index.ts'
export * from './optimizers/index.ts'
export * from './optimizers/copro/index.ts'
export * from './optimizers/gepa/index.ts'
