import { describe, expect, it } from 'vitest'
import { ArtifactPathError } from './errors/artifact-path-error.ts'
import { ArtifactStoreError } from './errors/artifact-store-error.ts'
import { safeArtifactPath } from './safe-artifact-path.ts'

function problemOf(path: string): string | undefined {
  try {
    safeArtifactPath({ path })
    return undefined
  } catch (error) {
    if (!ArtifactPathError.isInstance(error)) throw error
    return error.problem
  }
}

/**
 * Every traversal form of the spec's CVE table (§10.4) and the rules of §10.3, with the rule
 * that refuses it.
 */
const refused: Array<[label: string, path: string, problem: string]> = [
  // CVE-2023-2356 / CVE-2023-6831: plain relative traversal
  ['parent', '..', 'parent-segment'],
  ['parent slash', '../', 'parent-segment'],
  ['parent then file', '../etc/passwd', 'parent-segment'],
  ['nested escape', 'a/b/../../../etc/passwd', 'parent-segment'],
  ['parent inside', 'model/../../secret', 'parent-segment'],
  ['trailing parent', 'a/..', 'parent-segment'],
  ['dot then parent', './../x', 'parent-segment'],
  // CVE-2023-6730 / CVE-2024-1560: encoded and double-encoded traversal
  ['encoded dots', '%2e%2e/etc/passwd', 'parent-segment'],
  ['encoded dots upper', '%2E%2E/etc/passwd', 'parent-segment'],
  ['encoded slash', '..%2fetc%2fpasswd', 'parent-segment'],
  ['encoded slash upper', '..%2Fsecret', 'parent-segment'],
  ['all encoded', '%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'parent-segment'],
  ['mixed dot', '.%2e/secret', 'parent-segment'],
  ['mixed dot other side', '%2e./secret', 'parent-segment'],
  ['double encoded', '%252e%252e%252fsecret', 'parent-segment'],
  ['double encoded slash only', '..%252fsecret', 'parent-segment'],
  ['triple encoded', '%25252e%25252e/secret', 'parent-segment'],
  ['encoded inside', 'a/%2e%2e/%2e%2e/secret', 'parent-segment'],
  ['decodes to too many rounds', `${'%25'.repeat(1)}${'25'.repeat(11)}2e`, 'undecodable'],
  // CVE-2023-2780: backslash traversal and Windows forms
  ['backslash parent', '..\\secret', 'backslash'],
  ['backslash nested', 'a\\..\\..\\secret', 'backslash'],
  ['encoded backslash', '..%5csecret', 'backslash'],
  ['encoded backslash upper', '%5C..%5Csecret', 'backslash'],
  ['double encoded backslash', '..%255csecret', 'backslash'],
  ['mixed separators', 'a/..\\../secret', 'backslash'],
  ['unc path', '\\\\host\\share\\file', 'backslash'],
  ['drive backslash', 'C:\\Windows\\win.ini', 'backslash'],
  ['drive slash', 'C:/Windows/win.ini', 'drive-letter'],
  ['drive relative', 'c:secret', 'drive-letter'],
  ['encoded drive', 'C%3a/Windows', 'drive-letter'],
  // CVE-2023-1177 / CVE-2024-3573: absolute paths and file URIs
  ['absolute', '/etc/passwd', 'absolute'],
  ['encoded absolute', '%2fetc%2fpasswd', 'absolute'],
  ['double encoded absolute', '%252fetc%252fpasswd', 'absolute'],
  ['double slash host', '//host/share', 'absolute'],
  ['file uri', 'file:///etc/passwd', 'file-uri'],
  ['file uri relative', 'file:../secret', 'file-uri'],
  ['file uri upper', 'FILE:/etc/passwd', 'file-uri'],
  ['encoded file uri', 'file%3a%2f%2f%2fetc%2fpasswd', 'file-uri'],
  // CVE-2024-1593: fragments (and the `;params` + traversal combination)
  ['fragment', 'a/b#frag', 'fragment'],
  ['encoded fragment', 'a%23/../../x', 'fragment'],
  ['params traversal', 'a;x=1/../../secret', 'parent-segment'],
  ['dots with params', '..;', 'parent-segment'],
  ['dots with params then path', '..;/secret', 'parent-segment'],
  ['dots with named params', 'a/..;x=1/b', 'parent-segment'],
  ['encoded dots with params', '%2e%2e%3b/secret', 'parent-segment'],
  // NUL bytes and control characters
  ['nul', 'a\u0000b', 'control-character'],
  ['encoded nul', 'a%00b', 'control-character'],
  ['encoded nul before parent', '%00../secret', 'control-character'],
  ['newline', 'a%0ab', 'control-character'],
  ['delete char', 'a\u007fb', 'control-character'],
  // home directory expansion
  ['tilde', '~/.ssh/id_rsa', 'home-directory'],
  ['tilde user', '~root/.bashrc', 'home-directory'],
  ['encoded tilde', '%7e/.ssh/id_rsa', 'home-directory'],
  // overlong UTF-8 dots and broken escapes
  ['overlong dots', '%c0%ae%c0%ae/secret', 'undecodable'],
  ['invalid utf8', '%ff.txt', 'undecodable'],
  // the root is not a file
  ['empty', '', 'empty'],
  ['dot', '.', 'empty'],
  ['only slashes and dots', './/./', 'empty'],
]

describe('safeArtifactPath', () => {
  it.each(refused)('refuses %s (%j)', (_label, path, problem) => {
    expect(problemOf(path)).toBe(problem)
  })

  it('refuses with MLflow code and message', () => {
    let caught: unknown
    try {
      safeArtifactPath({ path: '%2e%2e/x' })
    } catch (error) {
      caught = error
    }
    expect(ArtifactStoreError.isInstance(caught)).toBe(true)
    expect(caught).toMatchObject({
      code: 'INVALID_PARAMETER_VALUE',
      message: 'Invalid path',
      path: '%2e%2e/x',
      name: 'ArtifactPathError',
    })
  })

  it.each([
    ['model/MLmodel', 'model/MLmodel'],
    ['a//b///c', 'a/b/c'],
    ['./a/./b/', 'a/b'],
    ['dir/', 'dir'],
    ['a%20b.txt', 'a b.txt'],
    ['%E2%9C%93.txt', '✓.txt'],
    ['100%.txt', '100%.txt'],
    ['%zz', '%zz'],
    ['...;', '...;'],
    ['a;b/c', 'a;b/c'],
    ['...', '...'],
    ['..a/b..', '..a/b..'],
    ['a/~/b', 'a/~/b'],
    ['résumé/数据 ✓.txt', 'résumé/数据 ✓.txt'],
    ['ab:c.txt', 'ab:c.txt'],
    ['1/abc/artifacts/model', '1/abc/artifacts/model'],
  ])('accepts %j as %j', (path, expected) => {
    expect(safeArtifactPath({ path })).toBe(expected)
  })

  it('accepts the root only when asked', () => {
    expect(safeArtifactPath({ path: '', allowRoot: true })).toBe('')
    expect(safeArtifactPath({ path: './', allowRoot: true })).toBe('')
    expect(problemOf('/')).toBe('absolute')
  })

  it('refuses a non-string path', () => {
    expect(() => safeArtifactPath({ path: 42 as unknown as string })).toThrow('Invalid path')
  })
})
