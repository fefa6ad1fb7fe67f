/** Where a {@link ProgressBar} writes: a stream, usually `process.stderr`. */
export interface ProgressStream {
  write(text: string): unknown
  isTTY?: boolean
  columns?: number
}

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  total: number
  /** Off: nothing is written. */
  enabled: boolean
  /** Default `process.stderr`. */
  stream?: ProgressStream
  /** Minimum time between two redraws on a terminal (default 100 ms, as tqdm). */
  minIntervalMs?: number
  /** The clock, for tests. */
  now?: () => number
}

const barWidth = 20

function duration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const rest = total % 60
  const pad = (value: number) => String(value).padStart(2, '0')
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${pad(minutes)}:${pad(rest)}`
}

/**
 * A tqdm-style terminal progress line: `{description}: 40%|████      | 4/10 [00:01<00:02, 3.20it/s]`.
 * On a terminal it redraws in place (at most every `minIntervalMs`); elsewhere (a pipe, a log
 * file, CI) it writes only the final line when closed, so logs are not flooded.
 *
 * @example
 * const bar = new ProgressBar({ total: devset.length, enabled: true })
 * bar.update('Average Metric: 3.00 / 4 (75.0%)')
 * bar.close()
 */
export class ProgressBar {
  private done = 0
  private description = ''
  private lastDraw = Number.NEGATIVE_INFINITY
  private closed = false
  private readonly started: number
  private readonly stream: ProgressStream
  private readonly now: () => number

  constructor(private readonly options: ProgressBarOptions) {
    this.stream = options.stream ?? process.stderr
    this.now = options.now ?? (() => performance.now())
    this.started = this.now()
  }

  /** One more item is done; `description` replaces the text before the bar. */
  update(description?: string): void {
    this.done += 1
    if (description !== undefined) this.description = description
    if (!this.options.enabled || !this.stream.isTTY) return
    const now = this.now()
    if (this.done < this.options.total && now - this.lastDraw < (this.options.minIntervalMs ?? 100))
      return
    this.lastDraw = now
    this.stream.write(`\r${this.render(now)}\x1b[K`)
  }

  /** Draws the final state and ends the line. Safe to call twice. */
  close(): void {
    if (this.closed) return
    this.closed = true
    if (!this.options.enabled) return
    const line = this.render(this.now())
    this.stream.write(this.stream.isTTY ? `\r${line}\x1b[K\n` : `${line}\n`)
  }

  /** The progress line as it would be drawn now. */
  render(now = this.now()): string {
    const { total } = this.options
    const elapsed = (now - this.started) / 1000
    const fraction = total > 0 ? Math.min(1, this.done / total) : 1
    const filled = Math.round(fraction * barWidth)
    const bar = '█'.repeat(filled) + ' '.repeat(barWidth - filled)
    const rate = elapsed > 0 ? this.done / elapsed : 0
    const remaining = rate > 0 ? (total - this.done) / rate : 0
    const percent = `${Math.round(fraction * 100)}`.padStart(3)
    const prefix = this.description ? `${this.description}: ` : ''
    return `${prefix}${percent}%|${bar}| ${this.done}/${total} [${duration(elapsed)}<${duration(remaining)}, ${rate.toFixed(2)}it/s]`
  }
}
