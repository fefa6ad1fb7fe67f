import { describe, expect, it } from 'vitest'
import { Predict } from '../../predict/predict.ts'
import { GepaState } from './gepa-state.ts'
import { DspyGEPAResult } from './gepa-result.ts'

const scores = (...values: number[]) => new Map(values.map((value, index) => [index, value]))

describe('DspyGEPAResult', () => {
  it('exposes the run as DSPy does, with to_dict()', () => {
    const state = new GepaState({ seed: { self: 'A' }, seedScores: scores(1, 0) })
    state.addProgram({ parents: [0], candidate: { self: 'B' }, scores: scores(0, 1) })
    state.addProgram({ parents: [1], candidate: { self: 'C' }, scores: scores(1, 1) })
    const programs = state.candidates.map((candidate) => {
      const program = new Predict('question -> answer')
      program.signature = program.signature.withInstructions(candidate.self!)
      return program
    })
    const result = new DspyGEPAResult({ state, programs, seed: 0 })
    expect(result.bestIdx).toBe(2)
    expect(result.bestCandidate).toBe(programs[2])
    expect(result.valSubscores).toEqual([
      [1, 0],
      [0, 1],
      [1, 1],
    ])
    expect(result.perValInstanceBestCandidates).toEqual([
      [0, 2],
      [1, 2],
    ])
    expect(result.highestScoreAchievedPerValTask).toEqual([1, 1])
    expect(result.toDict()).toMatchObject({
      candidates: [{ self: 'A' }, { self: 'B' }, { self: 'C' }],
      parents: [[null], [0], [1]],
      val_aggregate_scores: [0.5, 0.5, 1],
      discovery_eval_counts: [0, 2, 2],
      total_metric_calls: 2,
      num_full_val_evals: 1,
      best_idx: 2,
      seed: 0,
    })
  })
})
