import { describe, expect, it } from 'vitest'
import type { RunFilterClause } from './filter-ast.ts'
import { parseRunFilter } from './run-filter.ts'

// Parsed forms cross-checked with mlflow.utils.search_utils.SearchUtils.parse_search_filter.
const cases: [string, RunFilterClause[]][] = [
  ['metrics.acc > 0.9', [{ type: 'metric', key: 'acc', comparator: '>', value: 0.9 }]],
  ['metric.acc >= 1e3', [{ type: 'metric', key: 'acc', comparator: '>=', value: 1000 }]],
  ['metrics.a = -1.5e-3', [{ type: 'metric', key: 'a', comparator: '=', value: -0.0015 }]],
  ['metrics.a > .5', [{ type: 'metric', key: 'a', comparator: '>', value: 0.5 }]],
  ["params.lr = '0.1'", [{ type: 'parameter', key: 'lr', comparator: '=', value: '0.1' }]],
  ['param.lr = "0.1"', [{ type: 'parameter', key: 'lr', comparator: '=', value: '0.1' }]],
  [
    "tags.mlflow.runName = 'x'",
    [{ type: 'tag', key: 'mlflow.runName', comparator: '=', value: 'x' }],
  ],
  ["tags.`my tag` = 'x'", [{ type: 'tag', key: 'my tag', comparator: '=', value: 'x' }]],
  ['tags."my tag" = \'x\'', [{ type: 'tag', key: 'my tag', comparator: '=', value: 'x' }]],
  ["`tags`.`a b` = 'x'", [{ type: 'tag', key: 'a b', comparator: '=', value: 'x' }]],
  ["params.`a-b` = 'x'", [{ type: 'parameter', key: 'a-b', comparator: '=', value: 'x' }]],
  ["params.1abc = 'x'", [{ type: 'parameter', key: '1abc', comparator: '=', value: 'x' }]],
  ["params.order = 'x'", [{ type: 'parameter', key: 'order', comparator: '=', value: 'x' }]],
  ["params.a = 'it''s'", [{ type: 'parameter', key: 'a', comparator: '=', value: "it''s" }]],
  ["params.a = ''", [{ type: 'parameter', key: 'a', comparator: '=', value: '' }]],
  ["tags.a = 'é'", [{ type: 'tag', key: 'a', comparator: '=', value: 'é' }]],
  [
    'params.a is not null',
    [{ type: 'parameter', key: 'a', comparator: 'IS NOT NULL', value: null }],
  ],
  [
    "attributes.status = 'FINISHED'",
    [{ type: 'attribute', key: 'status', comparator: '=', value: 'FINISHED' }],
  ],
  [
    "run.status ILIKE 'fin%'",
    [{ type: 'attribute', key: 'status', comparator: 'ILIKE', value: 'fin%' }],
  ],
  [
    'attribute.run_id in (\'a\', "b",)',
    [{ type: 'attribute', key: 'run_id', comparator: 'IN', value: ['a', 'b'] }],
  ],
  [
    "run_id not in ('a')",
    [{ type: 'attribute', key: 'run_id', comparator: 'NOT IN', value: ['a'] }],
  ],
  ['created > 5', [{ type: 'attribute', key: 'start_time', comparator: '>', value: 5 }]],
  ["`Run Name` = 'x'", [{ type: 'attribute', key: 'run_name', comparator: '=', value: 'x' }]],
  ['start_time = 1.5', [{ type: 'attribute', key: 'start_time', comparator: '=', value: 1.5 }]],
  [
    "dataset.context LIKE 'tr%'",
    [{ type: 'dataset', key: 'context', comparator: 'LIKE', value: 'tr%' }],
  ],
  [
    "datasets.digest IN ('a','b')",
    [{ type: 'dataset', key: 'digest', comparator: 'IN', value: ['a', 'b'] }],
  ],
  [
    "  params.a='x'   AnD metrics.b>1  ",
    [
      { type: 'parameter', key: 'a', comparator: '=', value: 'x' },
      { type: 'metric', key: 'b', comparator: '>', value: 1 },
    ],
  ],
  ["AND params.a = 'x' AND", [{ type: 'parameter', key: 'a', comparator: '=', value: 'x' }]],
]

describe('parseRunFilter', () => {
  it('reads an empty filter as no clauses', () => {
    expect(parseRunFilter({ filter: '' })).toEqual([])
    expect(parseRunFilter({ filter: undefined })).toEqual([])
    expect(parseRunFilter({ filter: '   ' })).toEqual([])
  })
  for (const [filter, expected] of cases) {
    it(`parses ${filter}`, () => {
      expect(parseRunFilter({ filter })).toEqual(expected)
    })
  }
  const rejected: [string, string][] = [
    ["params.a = 'x' params.b = 'y'", "Invalid clause(s) in filter string: 'params.b', '=', ''y''"],
    ["params.a-b = 'x'", "Invalid clause(s) in filter string: 'params.a-b', '=', ''x''"],
    ['metrics.a > +1', "Invalid clause(s) in filter string: 'metrics.a', '>', '+1'"],
    [
      "params.a NOT LIKE 'x'",
      "Invalid comparator 'NOT LIKE' not one of '{'=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'}'",
    ],
    ["params.a = 'x' -- c", "Invalid clause(s) in filter string: '-- c'"],
  ]
  for (const [filter, message] of rejected) {
    it(`rejects ${filter}`, () => {
      expect(() => parseRunFilter({ filter })).toThrow(message)
    })
  }
})
