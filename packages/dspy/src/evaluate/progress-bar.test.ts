import { describe, expect, it } from 'vitest'
import { ProgressBar } from './progress-bar.ts'

function fakeStream(isTTY: boolean) {
  const writes: string[] = []
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } }
}

describe('ProgressBar', () => {
  it('redraws in place on a terminal, throttled, and ends the line on close', () => {
    let now = 0
    const { writes, stream } = fakeStream(true)
    const bar = new ProgressBar({ total: 4, enabled: true, stream, now: () => now })
    now = 1000
    bar.update('Average Metric: 1.00 / 1 (100.0%)')
    now = 1050
    bar.update('Average Metric: 2.00 / 2 (100.0%)')
    now = 2000
    bar.update()
    expect(writes).toHaveLength(2)
    expect(writes[0]).toBe(
      '\rAverage Metric: 1.00 / 1 (100.0%):  25%|█████               | 1/4 [00:01<00:03, 1.00it/s]\x1b[K',
    )
    now = 4000
    bar.update('Average Metric: 3.00 / 4 (75.0%)')
    bar.close()
    bar.close()
    expect(writes.at(-1)).toBe(
      '\rAverage Metric: 3.00 / 4 (75.0%): 100%|████████████████████| 4/4 [00:04<00:00, 1.00it/s]\x1b[K\n',
    )
  })

  it('writes only the final line elsewhere, and nothing when disabled', () => {
    const piped = fakeStream(false)
    const bar = new ProgressBar({ total: 2, enabled: true, stream: piped.stream })
    bar.update('x')
    bar.update('y')
    bar.close()
    expect(piped.writes).toHaveLength(1)
    expect(piped.writes[0]).toMatch(/^y: 100%\|█{20}\| 2\/2 \[.*\]\n$/)
    const off = fakeStream(true)
    const quiet = new ProgressBar({ total: 1, enabled: false, stream: off.stream })
    quiet.update('z')
    quiet.close()
    expect(off.writes).toEqual([])
  })
})
