import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { protoTypes } from '../entities/proto-types.ts'
import { queryToWire, wireToQuery } from './query.ts'

const schema = z.object({
  runIds: z.array(z.string()),
  metricKey: z.string(),
  maxResults: z.int().optional(),
  allowPartial: z.boolean().optional(),
  runId: z.string().optional(),
})
protoTypes.add(schema, { type: 'message', aliases: { runId: 'run_uuid' } })

describe('queryToWire', () => {
  it('takes every occurrence of repeated fields and the first of scalars', () => {
    const params = new URLSearchParams(
      'run_ids=a&run_ids=b&metric_key=loss&metric_key=ignored&max_results=10&other=x',
    )
    expect(queryToWire(params, schema)).toEqual({
      run_ids: ['a', 'b'],
      metric_key: 'loss',
      max_results: '10',
    })
  })

  it('keeps a single occurrence of a repeated field as a list, and reads aliases', () => {
    const params = new URLSearchParams('run_ids=a&run_uuid=r1&allow_partial=True')
    expect(queryToWire(params, schema)).toEqual({
      run_ids: ['a'],
      run_uuid: 'r1',
      allow_partial: 'True',
    })
  })
})

describe('wireToQuery', () => {
  it('writes lists as repeated keys and skips absent values', () => {
    expect(
      wireToQuery({
        run_ids: ['a', 'b'],
        metric_key: 'loss',
        max_results: 100,
        x: null,
      }).toString(),
    ).toBe('run_ids=a&run_ids=b&metric_key=loss&max_results=100')
    expect(wireToQuery({ allow_partial: true }).toString()).toBe('allow_partial=true')
  })
})
