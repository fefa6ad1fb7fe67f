/**
 * @module @dspyflow/dspy/testing
 * Test doubles for programs built with @dspyflow/dspy: DummyLM (DSPy's scripted LM) and
 * FakeOpenAIServer (a real chat-completions HTTP server on 127.0.0.1).
 */
export { DummyLM, type DummyLmOptions } from './dummy-lm.ts'
export { FakeOpenAIServer } from './fake-openai-server.ts'
export {
  carefulInstructionKeywords,
  type SimulatedAccuracyModel,
  type SimulatedAssessment,
  SimulatedLM,
  type SimulatedLmOptions,
  simulatedInstructionCandidates,
} from './simulated-lm.ts'
