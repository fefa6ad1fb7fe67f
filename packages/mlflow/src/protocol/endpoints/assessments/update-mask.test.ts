import { describe, expect, it } from 'vitest'
import { updateMaskPaths } from './update-mask.ts'

describe('updateMaskPaths', () => {
  it('reads protobuf JSON field masks: comma-separated lowerCamelCase paths', () => {
    expect(updateMaskPaths('assessmentName,feedback')).toEqual(['assessment_name', 'feedback'])
    expect(updateMaskPaths('rationale')).toEqual(['rationale'])
    // Spaces are not trimmed (the path then matches nothing), like protobuf.
    expect(updateMaskPaths('assessmentName, rationale')).toEqual(['assessment_name', ' rationale'])
  })

  it('reads nothing where protobuf fails to parse the mask', () => {
    expect(updateMaskPaths('assessment_name')).toEqual([])
    expect(updateMaskPaths('feedback,assessment_name')).toEqual([])
    expect(updateMaskPaths('')).toEqual([])
    expect(updateMaskPaths(5)).toEqual([])
    expect(updateMaskPaths(null)).toEqual([])
    expect(updateMaskPaths(['feedback'])).toEqual([])
  })

  it('also reads the message form with snake_case paths', () => {
    expect(updateMaskPaths({ paths: ['assessment_name', 7, 'metadata'] })).toEqual([
      'assessment_name',
      'metadata',
    ])
    expect(updateMaskPaths({ paths: 'feedback' })).toEqual([])
  })
})
