import { describe, expect, it } from 'vitest'
import { parseExperimentOrderBy, parseRunOrderBy } from './order-by.ts'

describe('parseRunOrderBy', () => {
  it('reads identifiers, aliases, quotes and directions', () => {
    expect(
      parseRunOrderBy({
        orderBy: ['metrics.`val loss` desc', 'params."lr" ASC', 'created', 'tags.mlflow.user'],
      }),
    ).toEqual([
      { type: 'metric', key: 'val loss', ascending: false },
      { type: 'parameter', key: 'lr', ascending: true },
      { type: 'attribute', key: 'start_time', ascending: true },
      { type: 'tag', key: 'mlflow.user', ascending: true },
    ])
  })

  it('rejects duplicates after aliasing and unknown attributes', () => {
    expect(() => parseRunOrderBy({ orderBy: ['start_time', 'created DESC'] })).toThrow(
      "`order_by` contains duplicate fields: ['start_time', 'created DESC']",
    )
    expect(() => parseRunOrderBy({ orderBy: ['`Run name`'] })).toThrow(
      "Invalid attribute key 'Run name' specified",
    )
  })
})

describe('parseExperimentOrderBy', () => {
  it('reads attributes only', () => {
    expect(parseExperimentOrderBy({ orderBy: ['attribute.name DESC', 'experiment_id'] })).toEqual([
      { key: 'name', ascending: false },
      { key: 'experiment_id', ascending: true },
    ])
    expect(() => parseExperimentOrderBy({ orderBy: ['foo'] })).toThrow(
      "Invalid attribute key 'foo' specified",
    )
  })
})
