import { ChatAdapter } from '../adapters/chat-adapter.ts'
import { JSONAdapter } from '../adapters/json-adapter.ts'
import { InvalidArgumentError } from '../errors/dspy-error.ts'
import type { LmStreamChunk } from '../lm/lm-stream.ts'
import { settings } from '../settings/settings.ts'
import { StreamResponse } from './messages.ts'

/** Options of {@link StreamListener}. */
export interface StreamListenerOptions {
  /** The output field to stream. */
  signatureFieldName: string
  /** The predictor to listen to; `streamify` finds it by field name when left out. */
  predict?: unknown
  /** The predictor's name in the program; `streamify` fills it in. */
  predictName?: string
  /** Stream the field again each time the predictor is called (ReAct loops); default false. */
  allowReuse?: boolean
}

type AdapterKind = 'chat' | 'json'

/** A ChatAdapter field header, `[[ ## name ## ]]` (DSPy's `\w+` is Unicode-aware). */
const fieldHeader = /\[\[ ## ([\p{L}\p{N}_]+) ## \]\]/u
/** Endings of buffered text that may grow into a field header. */
const headerPrefixes = ['[', '[[', '[[ ', '[[ #', '[[ ##']
/** How many pieces the ChatAdapter listener holds back while they may form the next header. */
const maxHeldTokens = 10

function adapterKind(adapter: unknown): AdapterKind {
  if (adapter === undefined || adapter === null) return 'chat'
  if (adapter instanceof JSONAdapter) return 'json'
  if (adapter instanceof ChatAdapter) return 'chat'
  const name =
    typeof adapter === 'object' && 'name' in adapter ? String(adapter.name) : String(adapter)
  throw new InvalidArgumentError({
    message: `Unsupported adapter for streaming: ${name}. Streaming works with ChatAdapter and JSONAdapter.`,
  })
}

/** Whether some ending of `text` is the beginning of `identifier`. */
function endsWithStartOf(text: string, identifier: string): boolean {
  for (let index = Math.max(0, text.length - identifier.length); index < text.length; index++) {
    if (identifier.startsWith(text.slice(index))) return true
  }
  return false
}

function mayFormHeader(text: string): boolean {
  return headerPrefixes.some((prefix) => text.endsWith(prefix)) || text.includes('[[ ##')
}

/**
 * Follows one JSON value as it streams in and says where it ends: a string at its closing
 * quote, an object or array at its matching bracket, a number or literal at the next
 * delimiter. Strings and containers are passed on as they arrive; literals are held whole.
 */
class JsonValueScanner {
  done = false
  private kind: 'string' | 'container' | 'literal' | undefined
  private depth = 0
  private inString = false
  private escaped = false
  private literal = ''

  /** Consumes `text` and returns the part of it that belongs to the value. */
  feed(text: string): string {
    let out = ''
    for (const char of text) {
      if (this.done) break
      if (this.kind === undefined) {
        if (/\s/.test(char)) continue
        this.kind = char === '"' ? 'string' : char === '{' || char === '[' ? 'container' : 'literal'
      }
      if (this.kind === 'literal') {
        if (this.literal !== '' && /[\s,}\]]/.test(char)) {
          this.done = true
          out += this.flush()
        } else this.literal += char
        continue
      }
      out += char
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (char === '\\') this.escaped = true
        else if (char === '"') {
          this.inString = false
          if (this.kind === 'string') this.done = true
        }
      } else if (char === '"') this.inString = true
      else if (char === '{' || char === '[') this.depth++
      else if (char === '}' || char === ']') this.done = --this.depth === 0
    }
    return out
  }

  /** The literal still held when the stream ends. */
  flush(): string {
    const rest = this.literal
    this.literal = ''
    return rest
  }
}

/**
 * Picks one output field out of a predictor's streamed LM text (DSPy's
 * `dspy.streaming.StreamListener`). With ChatAdapter the field starts after its
 * `[[ ## field ## ]]` header and ends at the next header; pieces that may grow into a header
 * are held back (at most ~10), so markers never reach the user. With JSONAdapter the field
 * starts after `"field":` and ends where its JSON value ends; pieces are the value's JSON text
 * (a string keeps its quotes, as in DSPy). A single piece holding both the header and the next
 * one is a cached or one-shot answer (`cacheHit`): nothing is streamed.
 *
 * @example
 * const stream = streamify(new ChainOfThought('question -> answer'), {
 *   streamListeners: [new StreamListener({ signatureFieldName: 'answer' })],
 * })
 */
export class StreamListener {
  readonly signatureFieldName: string
  predict: unknown
  predictName: string | undefined
  readonly allowReuse: boolean
  /** The field's start was seen. */
  streamStart = false
  /** The field's end was seen (or the stream finished). */
  streamEnd = false
  /** The whole field arrived in one piece: nothing was streamed. */
  cacheHit = false
  private startBuffer = ''
  private held: string[] = []
  private valueBegun = false
  private scanner: JsonValueScanner | undefined

  constructor(options: StreamListenerOptions) {
    this.signatureFieldName = options.signatureFieldName
    this.predict = options.predict
    this.predictName = options.predictName
    this.allowReuse = options.allowReuse ?? false
  }

  /**
   * A listener for the same field and predictor with fresh state (`streamify` uses one per call).
   *
   * @example
   * const fresh = listener.copy()
   */
  copy(): StreamListener {
    return new StreamListener({
      signatureFieldName: this.signatureFieldName,
      predict: this.predict,
      predictName: this.predictName,
      allowReuse: this.allowReuse,
    })
  }

  /**
   * Takes one LM chunk of the listened predictor; returns a piece of the field when one is ready.
   * `adapter` is the adapter that formatted the call (default: the current setting).
   *
   * @example
   * const piece = listener.receive({ type: 'lm-chunk', model, predictor, delta: 'Paris' })
   */
  receive(chunk: LmStreamChunk, options: { adapter?: unknown } = {}): StreamResponse | undefined {
    const kind = adapterKind('adapter' in options ? options.adapter : settings.get('adapter'))
    if (this.streamEnd) {
      if (!this.allowReuse) return undefined
      this.reset()
    }
    let text = chunk.delta
    if (!text) return undefined
    const start =
      kind === 'chat' ? `[[ ## ${this.signatureFieldName} ## ]]` : `"${this.signatureFieldName}":`
    if (!this.streamStart) {
      const at = text.indexOf(start)
      if (kind === 'chat' && at >= 0 && fieldHeader.test(text.slice(at + start.length))) {
        this.cacheHit = this.streamStart = this.streamEnd = true
        return undefined
      }
      const rest = this.matchStart(text, start, kind)
      if (rest === undefined) return undefined
      text = rest
    }
    return kind === 'json' ? this.receiveJson(text) : this.receiveChat(text)
  }

  /**
   * Ends the field when the program finished: the held pieces, marked as the last one.
   * Undefined when the field never started or already ended.
   *
   * @example
   * const last = listener.finalize()
   */
  finalize(): StreamResponse | undefined {
    if (this.streamEnd || !this.streamStart) return undefined
    this.streamEnd = true
    let rest: string
    if (this.scanner) rest = this.scanner.flush()
    else {
      const buffered = this.held.join('')
      const cut = buffered.indexOf('[[')
      rest = (cut === -1 ? buffered : buffered.slice(0, cut)).trimEnd()
    }
    this.held = []
    return this.piece(rest)
  }

  private reset(): void {
    this.streamStart = false
    this.streamEnd = false
    this.cacheHit = false
    this.startBuffer = ''
    this.held = []
    this.valueBegun = false
    this.scanner = undefined
  }

  /** Looks for the start identifier across pieces; returns the text after it once found. */
  private matchStart(text: string, start: string, kind: AdapterKind): string | undefined {
    if (this.startBuffer === '') {
      if (text.includes(kind === 'chat' ? '[' : '"')) this.startBuffer = text
      return undefined
    }
    this.startBuffer += text
    const at = this.startBuffer.indexOf(start)
    if (at === -1) {
      if (!endsWithStartOf(this.startBuffer.trim(), start)) this.startBuffer = ''
      return undefined
    }
    const rest = this.startBuffer.slice(at + start.length).trimStart()
    this.startBuffer = ''
    this.streamStart = true
    if (kind === 'json') this.scanner = new JsonValueScanner()
    return rest
  }

  private receiveChat(text: string): StreamResponse | undefined {
    let piece = text
    if (!this.valueBegun) {
      piece = piece.trimStart()
      if (!piece) return undefined
      this.valueBegun = true
    }
    this.held.push(piece)
    const buffered = this.held.join('')
    const end = fieldHeader.exec(buffered)
    if (end) {
      this.streamEnd = true
      this.held = []
      return this.piece(buffered.slice(0, end.index).trimEnd())
    }
    if (!mayFormHeader(buffered.trim())) {
      // Trailing whitespace waits for more text: the field's value is stripped at its end.
      const out = buffered.trimEnd()
      const whitespace = buffered.slice(out.length)
      this.held = whitespace ? [whitespace] : []
      return out ? this.piece(out) : undefined
    }
    if (this.held.length > maxHeldTokens) return this.piece(this.held.shift()!)
    return undefined
  }

  private receiveJson(text: string): StreamResponse | undefined {
    const scanner = this.scanner!
    const out = scanner.feed(text)
    if (scanner.done) this.streamEnd = true
    return out || scanner.done ? this.piece(out) : undefined
  }

  private piece(chunk: string): StreamResponse {
    return new StreamResponse({
      predictName: this.predictName,
      signatureFieldName: this.signatureFieldName,
      chunk,
      isLastChunk: this.streamEnd,
    })
  }
}
