import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseBackendStoreUri, redactUri } from './backend-store.ts'

describe('parseBackendStoreUri', () => {
  it.each([
    ['sqlite:///mlflow.db', { kind: 'sqlite', path: resolve('mlflow.db') }],
    ['sqlite:///data/x.db', { kind: 'sqlite', path: resolve('data/x.db') }],
    ['sqlite:////tmp/x.db', { kind: 'sqlite', path: '/tmp/x.db' }],
    ['sqlite:///:memory:', { kind: 'sqlite', path: ':memory:' }],
    ['sqlite://', { kind: 'sqlite', path: ':memory:' }],
    ['sqlite+pysqlite:////tmp/x.db?timeout=5', { kind: 'sqlite', path: '/tmp/x.db' }],
    [
      'postgresql://ada:pw@db:5432/mlflow',
      { kind: 'postgresql', connectionString: 'postgresql://ada:pw@db:5432/mlflow' },
    ],
    [
      'postgresql+psycopg2://db/mlflow',
      { kind: 'postgresql', connectionString: 'postgresql://db/mlflow' },
    ],
    ['postgres://db/mlflow', { kind: 'postgresql', connectionString: 'postgresql://db/mlflow' }],
  ])('%s', (uri, target) => {
    expect(parseBackendStoreUri(uri)).toEqual(target)
  })

  it.each(['./mlruns', 'file:///tmp/mlruns', 'mysql://db/mlflow', 'sqlite:relative.db'])(
    'refuses %s',
    (uri) => {
      expect(() => parseBackendStoreUri(uri)).toThrow(/Unsupported backend store URI/)
    },
  )

  it('never shows passwords', () => {
    expect(redactUri('postgresql://ada:s3cret@db/mlflow')).toBe('postgresql://ada:***@db/mlflow')
    expect(redactUri('sqlite:////tmp/x.db')).toBe('sqlite:////tmp/x.db')
    expect(() => parseBackendStoreUri('mysql://ada:s3cret@db/x')).toThrow(/ada:\*\*\*@/)
  })
})
