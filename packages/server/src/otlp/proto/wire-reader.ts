/**
 * @module wire-reader
 * A small protobuf wire-format reader with the checks `upb` (the decoder under Python's
 * protobuf, which MLflow uses) applies: varints of at most 10 bytes, lengths inside the enclosing
 * message, field number 0 and wire types 6/7 refused, groups skipped as unknown fields, strings
 * checked to be UTF-8, at most 100 nested messages. Every failure is a {@link ProtoDecodeError}.
 */

/** The protobuf wire types. */
export const WireType = {
  varint: 0,
  fixed64: 1,
  len: 2,
  startGroup: 3,
  endGroup: 4,
  fixed32: 5,
} as const

/** upb's default nesting limit (messages inside messages, groups included). */
export const MAX_MESSAGE_DEPTH = 100

/** A payload that is not valid protobuf. */
export class ProtoDecodeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProtoDecodeError'
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Reads one protobuf payload front to back. `end` is the end of the message being read; enter a
 * length-delimited sub-message with {@link ProtoReader.enter} and leave it with
 * {@link ProtoReader.leave}.
 *
 * @example
 * const reader = new ProtoReader(bytes)
 * while (reader.pos < reader.end) {
 *   const tag = reader.tag()
 *   reader.skip(tag)
 * }
 */
export class ProtoReader {
  pos = 0
  end: number
  private depth = 0
  /** Low and high 32 bits of the last varint read. */
  private lo = 0
  private hi = 0
  private readonly view: DataView

  constructor(readonly buf: Uint8Array) {
    this.end = buf.length
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength)
  }

  /** The next field's tag: `field << 3 | wireType` (field number ≥ 1, known wire type). */
  tag(): number {
    this.varint()
    const tag = this.lo
    if (this.hi !== 0 || tag >>> 3 === 0) throw new ProtoDecodeError('invalid field number')
    const wireType = tag & 7
    if (wireType > 5) throw new ProtoDecodeError(`invalid wire type ${wireType}`)
    if (wireType === WireType.endGroup) throw new ProtoDecodeError('unexpected end group')
    return tag
  }

  /** An unsigned 32-bit varint (enum numbers and lengths; wider values are refused). */
  uint32(): number {
    this.varint()
    return this.lo
  }

  /** An `int32`/enum varint: the low 32 bits, signed. */
  int32(): number {
    this.varint()
    return this.lo | 0
  }

  /** A `bool` varint. */
  bool(): boolean {
    this.varint()
    return this.lo !== 0 || this.hi !== 0
  }

  /** An `int64` varint. */
  int64(): bigint {
    this.varint()
    return BigInt.asIntN(64, (BigInt(this.hi) << 32n) | BigInt(this.lo))
  }

  /** A `fixed64` (unsigned). */
  fixed64(): bigint {
    const at = this.advance(8)
    return this.view.getBigUint64(at, true)
  }

  /** A `double`. */
  double(): number {
    const at = this.advance(8)
    return this.view.getFloat64(at, true)
  }

  /** A length-delimited `bytes` field (a view on the payload, not a copy). */
  bytes(): Uint8Array {
    const length = this.length()
    const at = this.advance(length)
    return this.buf.subarray(at, at + length)
  }

  /** A length-delimited `string` field, which must be UTF-8. */
  string(): string {
    const length = this.length()
    const at = this.advance(length)
    const { buf } = this
    if (length <= 32) {
      let ascii = ''
      let i = at
      const stop = at + length
      for (; i < stop; i++) {
        const byte = buf[i] as number
        if (byte >= 0x80) break
        ascii += String.fromCharCode(byte)
      }
      if (i === stop) return ascii
    }
    try {
      return utf8.decode(buf.subarray(at, at + length))
    } catch {
      throw new ProtoDecodeError('string field had bad UTF-8')
    }
  }

  /**
   * Enters a length-delimited sub-message: `end` becomes its end. Returns the enclosing end, to
   * pass to {@link ProtoReader.leave}.
   */
  enter(): number {
    const length = this.length()
    if (++this.depth > MAX_MESSAGE_DEPTH) throw new ProtoDecodeError('message nested too deeply')
    const outer = this.end
    this.end = this.pos + length
    return outer
  }

  /** Leaves the sub-message entered last (its fields must have used it exactly). */
  leave(outer: number): void {
    if (this.pos !== this.end) throw new ProtoDecodeError('sub-message overran its length')
    this.end = outer
    this.depth--
  }

  /** Skips the value of a field this reader does not keep (or that came with another type). */
  skip(tag: number): void {
    switch (tag & 7) {
      case WireType.varint:
        this.varint()
        return
      case WireType.fixed64:
        this.advance(8)
        return
      case WireType.len:
        this.advance(this.length())
        return
      case WireType.fixed32:
        this.advance(4)
        return
      default:
        this.skipGroup(tag >>> 3)
    }
  }

  private skipGroup(field: number): void {
    if (++this.depth > MAX_MESSAGE_DEPTH) throw new ProtoDecodeError('message nested too deeply')
    for (;;) {
      if (this.pos >= this.end) throw new ProtoDecodeError('unterminated group')
      this.varint()
      const tag = this.lo
      if (this.hi !== 0 || tag >>> 3 === 0) throw new ProtoDecodeError('invalid field number')
      const wireType = tag & 7
      if (wireType > 5) throw new ProtoDecodeError(`invalid wire type ${wireType}`)
      if (wireType === WireType.endGroup) {
        if (tag >>> 3 !== field) throw new ProtoDecodeError('mismatched end group')
        this.depth--
        return
      }
      this.skip(tag)
    }
  }

  private length(): number {
    this.varint()
    if (this.hi !== 0 || this.lo > this.end - this.pos) {
      throw new ProtoDecodeError('length beyond the end of the message')
    }
    return this.lo
  }

  private advance(count: number): number {
    const at = this.pos
    if (count > this.end - at) throw new ProtoDecodeError('truncated field')
    this.pos = at + count
    return at
  }

  /** Reads a varint of at most 10 bytes into `lo`/`hi` (bits past 64 are dropped, as upb does). */
  private varint(): void {
    const { buf, end } = this
    let pos = this.pos
    if (pos >= end) throw new ProtoDecodeError('truncated varint')
    let byte = buf[pos++] as number
    if (byte < 0x80) {
      this.lo = byte
      this.hi = 0
      this.pos = pos
      return
    }
    let lo = byte & 0x7f
    let hi = 0
    for (let shift = 7; shift < 28; shift += 7) {
      if (pos >= end) throw new ProtoDecodeError('truncated varint')
      byte = buf[pos++] as number
      lo |= (byte & 0x7f) << shift
      if (byte < 0x80) {
        this.setVarint(lo, hi, pos)
        return
      }
    }
    if (pos >= end) throw new ProtoDecodeError('truncated varint')
    byte = buf[pos++] as number
    lo |= (byte & 0x7f) << 28
    hi = (byte & 0x7f) >>> 4
    if (byte < 0x80) {
      this.setVarint(lo, hi, pos)
      return
    }
    for (let shift = 3; shift < 38; shift += 7) {
      if (pos >= end) throw new ProtoDecodeError('truncated varint')
      byte = buf[pos++] as number
      if (shift < 32) hi |= (byte & 0x7f) << shift
      if (byte < 0x80) {
        this.setVarint(lo, hi, pos)
        return
      }
    }
    throw new ProtoDecodeError('varint longer than 10 bytes')
  }

  private setVarint(lo: number, hi: number, pos: number): void {
    this.lo = lo >>> 0
    this.hi = hi >>> 0
    this.pos = pos
  }
}
