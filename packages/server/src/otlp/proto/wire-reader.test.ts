import { describe, expect, it } from 'vitest'
import { decodeExportRequestProto } from './decode-export-request.ts'
import { MAX_MESSAGE_DEPTH, ProtoDecodeError, ProtoReader } from './wire-reader.ts'

const bytes = (...values: number[]) => new Uint8Array(values)

function varint(value: number): number[] {
  const out: number[] = []
  let rest = value
  while (rest > 0x7f) {
    out.push((rest & 0x7f) | 0x80)
    rest = Math.floor(rest / 128)
  }
  out.push(rest)
  return out
}

/** A length-delimited field. */
function len(field: number, payload: number[]): number[] {
  return [...varint((field << 3) | 2), ...varint(payload.length), ...payload]
}

/** A request with one span whose only attribute holds `value` (an encoded AnyValue). */
function requestWithValue(anyValue: number[]): Uint8Array {
  const keyValue = [...len(1, [0x6b]), ...len(2, anyValue)]
  const span = [...len(1, Array(16).fill(1)), ...len(2, Array(8).fill(1)), ...len(9, keyValue)]
  return new Uint8Array(len(1, len(2, len(2, span))))
}

/** An AnyValue nested `depth` arrays deep. */
function nestedArrays(depth: number): number[] {
  let value = len(1, [0x78])
  for (let i = 0; i < depth; i++) value = len(5, len(1, value))
  return value
}

describe('ProtoReader', () => {
  it('reads varints up to 10 bytes and drops bits beyond 64', () => {
    const reader = new ProtoReader(
      bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f),
    )
    expect(reader.int64()).toBe(-1n)
    expect(reader.pos).toBe(10)
    expect(new ProtoReader(bytes(0x96, 0x01)).int32()).toBe(150)
    expect(new ProtoReader(bytes(0x80, 0x80, 0x80, 0x80, 0x08)).int32()).toBe(-2147483648)
  })

  it('refuses truncated and over-long varints', () => {
    expect(() => new ProtoReader(bytes(0x80)).int64()).toThrow(ProtoDecodeError)
    expect(() => new ProtoReader(bytes()).int64()).toThrow(/truncated varint/)
    const eleven = bytes(...Array(10).fill(0xff), 0x01)
    expect(() => new ProtoReader(eleven).int64()).toThrow(/longer than 10 bytes/)
  })

  it('refuses field number 0, wire types 6 and 7 and a lone end group', () => {
    expect(() => new ProtoReader(bytes(0x00)).tag()).toThrow(/field number/)
    expect(() => new ProtoReader(bytes(0x0e)).tag()).toThrow(/wire type 6/)
    expect(() => new ProtoReader(bytes(0x0f)).tag()).toThrow(/wire type 7/)
    expect(() => new ProtoReader(bytes(0x0c)).tag()).toThrow(/end group/)
  })

  it('refuses lengths beyond the message, even huge ones', () => {
    const huge = bytes(0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f)
    expect(() => decodeExportRequestProto(huge)).toThrow(/length beyond/)
    expect(() => decodeExportRequestProto(bytes(0x0a, 0x05, 0x61, 0x62))).toThrow(ProtoDecodeError)
    const tenByteLength = bytes(0x0a, ...Array(9).fill(0xff), 0x01)
    expect(() => decodeExportRequestProto(tenByteLength)).toThrow(/length beyond/)
  })

  it('refuses truncated fixed-width values', () => {
    expect(() => new ProtoReader(bytes(1, 2, 3)).fixed64()).toThrow(/truncated/)
    expect(() => new ProtoReader(bytes(1, 2, 3, 4, 5, 6, 7)).double()).toThrow(/truncated/)
  })

  it('skips groups, nested groups and every scalar wire type as unknown fields', () => {
    // field 2 varint, field 3 fixed64, field 4 fixed32, field 5 group { field 1 group {} }
    const payload = bytes(
      0x10,
      0x01,
      0x19,
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      0x25,
      1,
      2,
      3,
      4,
      0x2b,
      0x0b,
      0x0c,
      0x2c,
    )
    expect(decodeExportRequestProto(payload)).toEqual({ resourceSpans: [] })
    expect(() => decodeExportRequestProto(bytes(0x2b, 0x0b))).toThrow(/unterminated group/)
    expect(() => decodeExportRequestProto(bytes(0x2b, 0x34))).toThrow(/mismatched end group/)
  })

  it('treats a known field sent with the wrong wire type as unknown', () => {
    // resource_spans (field 1) as a varint: skipped, so no resource spans.
    expect(decodeExportRequestProto(bytes(0x08, 0x01))).toEqual({ resourceSpans: [] })
  })

  it('refuses strings that are not UTF-8', () => {
    const span = [...len(1, Array(16).fill(1)), ...len(5, [0xff, 0xfe])]
    expect(() => decodeExportRequestProto(new Uint8Array(len(1, len(2, len(2, span)))))).toThrow(
      /UTF-8/,
    )
  })

  it('allows 100 nested messages and refuses 101, as upb does', () => {
    // request > resource spans > scope spans > span > key value > any value: 5 levels, and
    // each nested array adds 2 (ArrayValue, AnyValue).
    const allowed = Math.floor((MAX_MESSAGE_DEPTH - 5) / 2)
    expect(() => decodeExportRequestProto(requestWithValue(nestedArrays(allowed)))).not.toThrow()
    expect(() => decodeExportRequestProto(requestWithValue(nestedArrays(allowed + 1)))).toThrow(
      /nested too deeply/,
    )
  })

  it('refuses a sub-message whose fields run past its length', () => {
    // A span of length 3 holding a 5-byte field.
    expect(() =>
      decodeExportRequestProto(new Uint8Array(len(1, len(2, [0x12, 0x03, 0x0a, 0x05, 0x61])))),
    ).toThrow(ProtoDecodeError)
  })
})
