/**
 * CPU time of a server's process tree (from /proc, children included) and of the load
 * generator, per benchmark phase.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

export interface CpuUse {
  wall_ms: number
  server_cpu_ms: number
  client_cpu_ms: number
}

const clockTicks = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

/** utime + stime (with waited-for children) of `rootPid` and its live descendants, in ms. */
function treeCpuMs(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
      const ticks = fields.slice(11, 15).reduce((sum, field) => sum + Number(field), 0)
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks })
    } catch {}
  }
  const tree = new Set([rootPid])
  for (let grown = true; grown; ) {
    grown = false
    for (const [pid, stat] of stats)
      if (!tree.has(pid) && tree.has(stat.ppid)) {
        tree.add(pid)
        grown = true
      }
  }
  let ticks = 0
  for (const pid of tree) ticks += stats.get(pid)?.ticks ?? 0
  return (ticks * 1000) / clockTicks
}

/** Starts measuring; the returned function gives the CPU used since. */
export function cpuMeter(serverPid: number): () => CpuUse {
  const start = performance.now()
  const server = treeCpuMs(serverPid)
  const client = process.cpuUsage()
  return () => {
    const used = process.cpuUsage(client)
    return {
      wall_ms: Math.round(performance.now() - start),
      server_cpu_ms: Math.round(treeCpuMs(serverPid) - server),
      client_cpu_ms: Math.round((used.user + used.system) / 1000),
    }
  }
}
