import type * as nodeFs from 'node:fs/promises'

/**
 * The part of `node:fs/promises` the local artifact store calls. Pass another implementation
 * (an in-memory or instrumented one) through `createLocalArtifactStore({ fs })`.
 */
export type LocalArtifactFileSystem = Pick<
  typeof nodeFs,
  | 'mkdir'
  | 'open'
  | 'rename'
  | 'rm'
  | 'realpath'
  | 'lstat'
  | 'stat'
  | 'readdir'
  | 'readlink'
  | 'readFile'
  | 'writeFile'
>

/**
 * Names starting with this are the store's own (temporary files of atomic writes, the multipart
 * parts folder): MLflow's `_TEMP_ARTIFACT_PREFIX`. They are never listed and cannot be addressed.
 */
export const RESERVED_NAME_PREFIX = '.artifact.uploading.'
