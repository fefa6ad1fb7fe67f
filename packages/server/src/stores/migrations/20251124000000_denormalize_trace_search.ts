/**
 * @module 20251124000000_denormalize_trace_search
 * SQLite: copies kept where trace searches read them, so that the common pages are read from
 * one B-tree range and the page's rows alone.
 *
 * 1. Each trace's tags and metadata as JSON objects on its `trace_info` row (`tags_json`,
 *    `metadata_json`): a page of search answers is then written from the page's rows
 *    (trace-info-json-sqlite.ts), without two lookups per trace. A column holds the JSON object
 *    of the trace's entries, keys in primary-key order and NULL values as '' (what answers
 *    carry), '{}' without entries — or NULL when an answer would not carry the entries as they
 *    are: a key or value MLflow cuts in answers (metadata keys and values over 250 characters,
 *    tag keys over 250, tag values over 4096), a key JavaScript objects reorder or drop
 *    (integer-like keys, `__proto__`), a value that is not text. Readers then take the generic
 *    path. Characters are code points, as the cut counts them (SQLite's `length`); a string with
 *    a NUL character, which `length` stops at, counts as too long once its UTF-8 size is over the
 *    limit.
 * 2. Each tag row carries its trace's `experiment_id` and `timestamp_ms`, indexed as
 *    (experiment_id, key, value, timestamp_ms DESC, request_id): a search for `tags.k = 'v'` in
 *    MLflow's default order (newest first) reads its page from that index
 *    (trace-tag-page-sqlite.ts) instead of probing the tags of every newer trace.
 *
 * Triggers keep both current through every write (inserts, upserts, updates, deletes,
 * cascades, a trace's time or experiment changing); existing rows are filled here. PostgreSQL:
 * nothing (its searches read the entry tables).
 */
import type { Migration } from './migration.ts'

function tooLong(text: string, limit: number): string {
  return `(length(CAST(${text} AS BLOB)) > ${limit} AND (length(${text}) > ${limit} OR instr(${text}, char(0)) > 0))`
}

/** The JSON object of one trace's entries in `table`, or NULL (see the module note). */
function entriesJson(table: string, requestId: string, keyLimit: number, valueLimit: number) {
  const value = "COALESCE(e.value, '')"
  return `(SELECT CASE WHEN max(typeof(e.key) <> 'text' OR typeof(${value}) <> 'text'
      OR e.key GLOB '[0-9]*' OR e.key = '__proto__'
      OR ${tooLong('e.key', keyLimit)} OR ${tooLong(value, valueLimit)}) THEN NULL
    ELSE json_group_object(e.key, ${value}) END
  FROM ${table} e WHERE e.request_id = ${requestId})`
}

const CACHES = [
  { table: 'trace_tags', column: 'tags_json', keyLimit: 250, valueLimit: 4096 },
  { table: 'trace_request_metadata', column: 'metadata_json', keyLimit: 250, valueLimit: 250 },
]

/** Copies the trace's experiment and time onto one new tag row. */
const STAMP_NEW_TAG = `UPDATE trace_tags
      SET (experiment_id, timestamp_ms) =
        (SELECT ti.experiment_id, ti.timestamp_ms FROM trace_info ti
          WHERE ti.request_id = NEW.request_id)
      WHERE request_id = NEW.request_id AND key = NEW.key;`

/**
 * The JSON copy's triggers on one entry table. Updates fire only for the key and value columns
 * (SQLite here runs with recursive triggers: the tag stamping must not refresh the JSON).
 */
function triggers(table: string, column: string, keyLimit: number, valueLimit: number): string[] {
  const events = [
    ['insert', 'INSERT', 'NEW'],
    ['update', 'UPDATE OF key, value', 'NEW'],
    ['delete', 'DELETE', 'OLD'],
  ] as const
  return events.map(
    ([name, event, row]) => `CREATE TRIGGER ${table}_after_${name}
  AFTER ${event} ON ${table} FOR EACH ROW BEGIN
    UPDATE trace_info
      SET ${column} = ${entriesJson(table, `${row}.request_id`, keyLimit, valueLimit)}
      WHERE request_id = ${row}.request_id;
    ${name === 'insert' && table === 'trace_tags' ? STAMP_NEW_TAG : ''}
  END`,
  )
}

const sqlite = [
  ...CACHES.map(({ column }) => `ALTER TABLE trace_info ADD COLUMN ${column} TEXT DEFAULT '{}'`),
  `UPDATE trace_info SET ${CACHES.map(
    ({ table, column, keyLimit, valueLimit }) =>
      `${column} = ${entriesJson(table, 'trace_info.request_id', keyLimit, valueLimit)}`,
  ).join(', ')}`,
  'ALTER TABLE trace_tags ADD COLUMN experiment_id BIGINT',
  'ALTER TABLE trace_tags ADD COLUMN timestamp_ms BIGINT',
  `UPDATE trace_tags SET (experiment_id, timestamp_ms) =
    (SELECT ti.experiment_id, ti.timestamp_ms FROM trace_info ti
      WHERE ti.request_id = trace_tags.request_id)`,
  `CREATE INDEX index_trace_tags_experiment_key_value_time
    ON trace_tags (experiment_id, key, value, timestamp_ms DESC, request_id)`,
  ...CACHES.flatMap(({ table, column, keyLimit, valueLimit }) =>
    triggers(table, column, keyLimit, valueLimit),
  ),
  `CREATE TRIGGER trace_info_after_update_of_time AFTER UPDATE OF experiment_id, timestamp_ms
    ON trace_info FOR EACH ROW
    WHEN OLD.experiment_id IS NOT NEW.experiment_id OR OLD.timestamp_ms IS NOT NEW.timestamp_ms
  BEGIN
    UPDATE trace_tags SET experiment_id = NEW.experiment_id, timestamp_ms = NEW.timestamp_ms
      WHERE request_id = NEW.request_id;
  END`,
]

/**
 * Keeps JSON copies of trace tags and metadata on trace rows, and trace times on tag rows
 * (SQLite).
 *
 * @example
 * await migrateToLatest({ driver, dialect, migrations: trackingMigrations }) // runs it last
 */
export const denormalizeTraceSearch: Migration = {
  name: '20251124000000_denormalize_trace_search',
  up: { sqlite, postgres: [] },
}
