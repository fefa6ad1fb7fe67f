import { describe, expect, it } from 'vitest'
import { PythonRandom } from '../../python/python-random.ts'
import { CategoricalDistribution } from './categorical-distribution.ts'
import { RandomSampler } from './random-sampler.ts'
import type { Sampler } from './sampler.ts'
import { createStudy } from './study.ts'
import { defaultGamma, TPESampler } from './tpe-sampler.ts'

const six = [0, 1, 2, 3, 4, 5]

/** Trials until (4, 2) is first tried, of 36 combinations; a noisy objective with one clear optimum. */
async function trialsToOptimum(sampler: Sampler, seed: number, cap = 100): Promise<number> {
  const noise = new PythonRandom(seed + 1000)
  const study = createStudy({ direction: 'maximize', sampler })
  let found = cap
  await study.optimize(
    (trial) => {
      const a = trial.suggestCategorical('a', six)
      const b = trial.suggestCategorical('b', six)
      if (a === 4 && b === 2 && found === cap) found = trial.number + 1
      const base = (a === 4 ? 0.5 : 0) + (b === 2 ? 0.3 : 0) + (a === 4 && b === 2 ? 0.2 : 0)
      return base + (noise.random() - 0.5) * 0.2
    },
    { nTrials: cap },
  )
  return found
}

/** The objective of the Optuna reference runs: a fixed pseudo-random score per combination. */
function referenceScore(names: string[], params: Record<string, unknown>, tableSeed: number) {
  let hash = tableSeed
  for (const name of names)
    hash = (hash * 1000003 + (params[name] as number) * 7919 + 17) % 2147483647
  const bonus = names.every((name) => params[name] === 1) ? 0.3 : 0
  return Math.round(((hash % 1000) / 1000 + bonus) * 1e4) / 1e4
}

describe('TPESampler', () => {
  it('finds the best of 36 combinations in fewer trials than random search (20 seeds)', async () => {
    let tpe = 0
    let random = 0
    for (let seed = 0; seed < 20; seed += 1) {
      tpe += await trialsToOptimum(new TPESampler({ seed }), seed)
      random += await trialsToOptimum(new RandomSampler({ seed }), seed)
    }
    // Optuna 5.0 (TPESampler(seed, multivariate=True) / RandomSampler(seed)) gives 15.3 and 27.15.
    expect(tpe / 20).toBe(15.3)
    expect(random / 20).toBe(27.15)
    expect(tpe).toBeLessThan(random)
  })

  it('suggests what Optuna 5.0 suggests for the same seed (MIPROv2-like study)', async () => {
    // Recorded with optuna 5.0.0: TPESampler(seed=9, multivariate=True), a default trial added
    // first with value 0.5, and every 6th trial added again as an extra trial (value + 0.01).
    const names = ['0_predictor_instruction', '0_predictor_demos']
    const distributions = {
      '0_predictor_instruction': new CategoricalDistribution([0, 1, 2]),
      '0_predictor_demos': new CategoricalDistribution(six),
    }
    const study = createStudy({ direction: 'maximize', sampler: new TPESampler({ seed: 9 }) })
    study.addTrial({
      params: { '0_predictor_instruction': 0, '0_predictor_demos': 0 },
      distributions,
      value: 0.5,
    })
    const seen: number[][] = []
    await study.optimize(
      (trial) => {
        const params = {
          '0_predictor_instruction': trial.suggestCategorical(names[0]!, [0, 1, 2]),
          '0_predictor_demos': trial.suggestCategorical(names[1]!, six),
        }
        const value = referenceScore(names, params, 14)
        seen.push([params['0_predictor_instruction'], params['0_predictor_demos']])
        if (trial.number % 6 === 0) study.addTrial({ params, distributions, value: value + 0.01 })
        return value
      },
      { nTrials: 30 },
    )
    expect(seen.map((params) => params.join(',')).join(' ')).toBe(
      '1,3 2,0 1,5 2,2 0,5 2,0 2,5 1,4 0,5 0,5 0,1 0,5 0,3 0,2 0,4 0,5 1,2 0,5 0,5 2,1 ' +
        '1,1 2,4 2,3 0,5 0,0 1,5 0,5 0,5 0,5 1,0',
    )
  })

  it('suggests what Optuna 5.0 suggests with four parameters', async () => {
    const spaces: [string, number][] = [
      ['0_predictor_instruction', 6],
      ['0_predictor_demos', 12],
      ['1_predictor_instruction', 6],
      ['1_predictor_demos', 12],
    ]
    const names = spaces.map(([name]) => name)
    const range = (count: number) => Array.from({ length: count }, (_, index) => index)
    const study = createStudy({ direction: 'maximize', sampler: new TPESampler({ seed: 0 }) })
    study.addTrial({
      params: Object.fromEntries(names.map((name) => [name, 0])),
      distributions: Object.fromEntries(spaces.map(([name, count]) => [name, range(count)])),
      value: 0.5,
    })
    const seen: number[][] = []
    await study.optimize(
      (trial) => {
        const params = Object.fromEntries(
          spaces.map(([name, count]) => [name, trial.suggestCategorical(name, range(count))]),
        )
        seen.push(names.map((name) => params[name]!))
        return referenceScore(names, params, 5)
      },
      { nTrials: 20 },
    )
    expect(seen.map((params) => params.join(',')).join(' ')).toBe(
      '1,2,2,3 2,10,2,10 0,11,3,7 1,8,2,8 5,1,2,9 4,7,3,6 5,3,5,11 2,0,0,10 4,4,4,6 ' +
        '1,4,4,6 4,5,4,1 4,11,0,1 2,5,4,3 2,5,4,3 3,5,3,5 3,5,5,6 3,10,1,5 4,5,4,1 ' +
        '3,1,3,5 3,3,4,8',
    )
  })

  it('uses Optuna defaults: gamma, 10 random start-up trials', async () => {
    expect([defaultGamma(1), defaultGamma(10), defaultGamma(11), defaultGamma(30)]).toEqual([
      1, 1, 2, 3,
    ])
    expect(defaultGamma(1000)).toBe(25)
    // Before 10 complete trials the TPE sampler answers exactly as a random sampler with its seed.
    const pick = async (sampler: Sampler) => {
      const study = createStudy({ direction: 'maximize', sampler })
      const picks: unknown[] = []
      await study.optimize(
        (trial) => {
          picks.push(trial.suggestCategorical('x', six))
          return 0
        },
        { nTrials: 10 },
      )
      return picks
    }
    expect(await pick(new TPESampler({ seed: 3 }))).toEqual(
      await pick(new RandomSampler({ seed: 3 })),
    )
  })

  it('is deterministic for a seed', async () => {
    expect(await trialsToOptimum(new TPESampler({ seed: 5 }), 5)).toBe(
      await trialsToOptimum(new TPESampler({ seed: 5 }), 5),
    )
  })
})
