/**
 * Python's `round(value, digits)` for floats: the exact binary value is rounded to `digits`
 * decimals, and exact ties go to the even digit (`round(0.125, 2) == 0.12`, `round(2.5) == 2`),
 * where `Number.prototype.toFixed` rounds ties away from zero.
 *
 * @example
 * pythonRound(66.66666, 2) // 66.67
 * pythonRound(0.125, 2) // 0.12
 */
export function pythonRound(value: number, digits = 0): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return value
  const magnitude = Math.abs(value)
  // Doubles of useful magnitude have at most ~60 fraction digits: 100 gives the exact expansion.
  const exact = magnitude.toFixed(100)
  const point = exact.indexOf('.')
  const rest = exact.slice(point + 1 + digits)
  let text: string
  if (/^50*$/.test(rest)) {
    const truncated = digits > 0 ? exact.slice(0, point + 1 + digits) : exact.slice(0, point)
    const lastDigit = Number(truncated[truncated.length - 1])
    text = lastDigit % 2 === 0 ? truncated : magnitude.toFixed(digits)
  } else {
    text = magnitude.toFixed(digits)
  }
  const rounded = Number(text)
  return value < 0 ? -rounded : rounded
}
