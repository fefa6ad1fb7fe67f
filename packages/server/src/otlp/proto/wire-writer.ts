/**
 * @module wire-writer
 * A small protobuf wire-format writer into one growing buffer. A length-delimited field is
 * written by reserving one byte for its length, writing the content, then widening the length
 * in place when the content needed more than 127 bytes.
 */

const utf8 = new TextEncoder()

/**
 * Writes protobuf fields in order.
 *
 * @example
 * const writer = new ProtoWriter()
 * writer.string(5, 'root')
 * const outer = writer.begin(15)
 * writer.int32(3, 1)
 * writer.end(outer)
 * writer.finish() // Uint8Array
 */
export class ProtoWriter {
  private buf = new Uint8Array(256)
  private view = new DataView(this.buf.buffer)
  private pos = 0

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos)
  }

  /** A `string` field (omitted when empty, as proto3 does). */
  string(field: number, value: string): void {
    if (value === '') return
    this.tag(field, 2)
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    this.ensure(5 + value.length * 3)
    const lengthAt = this.pos
    const { written } = utf8.encodeInto(value, this.buf.subarray(lengthAt + 5))
    this.placeLength(lengthAt, 5, written)
  }

  /** A `bytes` field (omitted when empty). */
  bytes(field: number, value: Uint8Array): void {
    if (value.length === 0) return
    this.tag(field, 2)
    this.varint(value.length)
    this.ensure(value.length)
    this.buf.set(value, this.pos)
    this.pos += value.length
  }

  /** A `bytes` field written even when empty (a `oneof` member). */
  bytesAlways(field: number, value: Uint8Array): void {
    this.tag(field, 2)
    this.varint(value.length)
    this.ensure(value.length)
    this.buf.set(value, this.pos)
    this.pos += value.length
  }

  /** A `string` field written even when empty (a `oneof` member). */
  stringAlways(field: number, value: string): void {
    if (value !== '') {
      this.string(field, value)
      return
    }
    this.tag(field, 2)
    this.varint(0)
  }

  /** An `int32`/enum field (omitted when 0); negative values take 10 bytes, as in protobuf. */
  int32(field: number, value: number, always = false): void {
    if (value === 0 && !always) return
    this.tag(field, 0)
    if (value >= 0) this.varint(value)
    else this.varint64(BigInt.asUintN(64, BigInt(value)))
  }

  /** A `bool` field. */
  bool(field: number, value: boolean, always = false): void {
    if (!value && !always) return
    this.tag(field, 0)
    this.varint(value ? 1 : 0)
  }

  /** An `int64` field. */
  int64(field: number, value: bigint, always = false): void {
    if (value === 0n && !always) return
    this.tag(field, 0)
    this.varint64(BigInt.asUintN(64, value))
  }

  /** A `fixed64` field (omitted when 0). */
  fixed64(field: number, value: bigint, always = false): void {
    if (value === 0n && !always) return
    this.tag(field, 1)
    this.ensure(8)
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, value), true)
    this.pos += 8
  }

  /** A `double` field. */
  double(field: number, value: number, always = false): void {
    if (value === 0 && !Object.is(value, -0) && !always) return
    this.tag(field, 1)
    this.ensure(8)
    this.view.setFloat64(this.pos, value, true)
    this.pos += 8
  }

  /** Starts a length-delimited sub-message; pass the result to {@link ProtoWriter.end}. */
  begin(field: number): number {
    this.tag(field, 2)
    this.ensure(1)
    const lengthAt = this.pos
    this.pos += 1
    return lengthAt
  }

  /** Ends the sub-message started at `lengthAt`, writing its length. */
  end(lengthAt: number): void {
    this.placeLength(lengthAt, 1, this.pos - lengthAt - 1)
  }

  /**
   * The content of `length` bytes sits `reserved` bytes after `lengthAt`: writes the length
   * varint at `lengthAt` and moves the content right behind it.
   */
  private placeLength(lengthAt: number, reserved: number, length: number): void {
    const size = varintSize(length)
    if (size !== reserved) {
      this.reserve(lengthAt + size + length)
      const start = lengthAt + reserved
      this.buf.copyWithin(lengthAt + size, start, start + length)
    }
    this.pos = lengthAt
    this.varint(length)
    this.pos = lengthAt + size + length
  }

  private tag(field: number, wireType: number): void {
    this.varint(((field << 3) | wireType) >>> 0)
  }

  private varint(value: number): void {
    this.ensure(5)
    let rest = value >>> 0
    while (rest > 0x7f) {
      this.buf[this.pos++] = (rest & 0x7f) | 0x80
      rest >>>= 7
    }
    this.buf[this.pos++] = rest
  }

  private varint64(value: bigint): void {
    this.ensure(10)
    let rest = value
    while (rest > 0x7fn) {
      this.buf[this.pos++] = Number(rest & 0x7fn) | 0x80
      rest >>= 7n
    }
    this.buf[this.pos++] = Number(rest)
  }

  private ensure(extra: number): void {
    this.reserve(this.pos + extra)
  }

  private reserve(needed: number): void {
    if (needed <= this.buf.length) return
    let size = this.buf.length * 2
    while (size < needed) size *= 2
    const grown = new Uint8Array(size)
    grown.set(this.buf.subarray(0, this.pos))
    this.buf = grown
    this.view = new DataView(grown.buffer)
  }
}

function varintSize(value: number): number {
  if (value < 0x80) return 1
  if (value < 0x4000) return 2
  if (value < 0x200000) return 3
  if (value < 0x10000000) return 4
  return 5
}
