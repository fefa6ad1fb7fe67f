import type { FileInfo } from './artifact-store.ts'

/**
 * Compares two paths by Unicode code point, as Python's `sorted` (and S3's key order) does;
 * JavaScript's `<` compares UTF-16 units and would put `'\u{1F600}'` before `'\uFF01'`.
 *
 * @example
 * ['b', 'a/c', 'a'].sort(compareArtifactPaths) // ['a', 'a/c', 'b']
 */
export function compareArtifactPaths(left: string, right: string): number {
  const a = Array.from(left)
  const b = Array.from(right)
  const length = Math.min(a.length, b.length)
  for (let index = 0; index < length; index += 1) {
    const difference = a[index]!.codePointAt(0)! - b[index]!.codePointAt(0)!
    if (difference !== 0) return difference
  }
  return a.length - b.length
}

/**
 * Sorts a listing by path in place, the order MLflow's `list_artifacts` returns.
 *
 * @example
 * sortFileInfos([{ path: 'b', isDir: false }, { path: 'a', isDir: true }]) // a, then b
 */
export function sortFileInfos(infos: FileInfo[]): FileInfo[] {
  return infos.sort((left, right) => compareArtifactPaths(left.path, right.path))
}
