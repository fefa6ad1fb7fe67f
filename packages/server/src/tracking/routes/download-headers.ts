/**
 * @module download-headers
 * The headers of an artifact download, as MLflow sends them: a guessed MIME type (text formats
 * as `text/plain`, unknown ones as `application/octet-stream`), `Content-Disposition:
 * attachment` with an RFC 5987 name for non-ASCII files, and `X-Content-Type-Options: nosniff`.
 */

/** Extensions (or whole names, for `MLmodel`) MLflow serves as `text/plain`. */
const textExtensions = new Set([
  'txt',
  'log',
  'err',
  'cfg',
  'conf',
  'cnf',
  'cf',
  'ini',
  'properties',
  'prop',
  'hocon',
  'toml',
  'yaml',
  'yml',
  'xml',
  'json',
  'js',
  'py',
  'py3',
  'csv',
  'tsv',
  'md',
  'rst',
  'ipynb',
  'MLmodel',
  'MLproject',
])

/** Other types Python's `mimetypes` knows that artifacts commonly have. */
const mimeTypes: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  pdf: 'application/pdf',
  html: 'text/html',
  htm: 'text/html',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  pkl: 'application/octet-stream',
  parquet: 'application/octet-stream',
  mp4: 'video/mp4',
  wav: 'audio/x-wav',
  mp3: 'audio/mpeg',
}

const tokenPattern = /^[-!#$%&'*+.^_`|~0-9A-Za-z]+$/

/**
 * MLflow's `_guess_mime_type` for a file name.
 *
 * @example
 * guessMimeType('MLmodel') // 'text/plain'
 * guessMimeType('plot.png') // 'image/png'
 * guessMimeType('weights.bin') // 'application/octet-stream'
 */
export function guessMimeType(fileName: string): string {
  const dot = fileName.lastIndexOf('.')
  const extension = dot <= 0 ? fileName : fileName.slice(dot + 1)
  if (textExtensions.has(extension)) return 'text/plain'
  return mimeTypes[extension.toLowerCase()] ?? 'application/octet-stream'
}

/**
 * MLflow's `Content-Disposition` value for an attachment.
 *
 * @example
 * contentDisposition('model.pkl') // 'attachment; filename=model.pkl'
 * contentDisposition('my file.txt') // 'attachment; filename="my file.txt"'
 * contentDisposition('é.txt') // "attachment; filename=e.txt; filename*=UTF-8''%C3%A9.txt"
 */
export function contentDisposition(fileName: string): string {
  if (/^[\x00-\x7f]*$/.test(fileName)) return `attachment; filename=${quoteHeaderValue(fileName)}`
  const fallback =
    fileName
      .normalize('NFKD')
      .replace(/[^\x00-\x7f]/g, '')
      .trim() || 'download'
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename=${quoteHeaderValue(fallback)}; filename*=UTF-8''${encoded}`
}

/**
 * The headers of a download of `fileName` with `size` bytes.
 *
 * @example
 * new Response(body, { headers: downloadHeaders({ fileName: 'MLmodel', size: 120 }) })
 */
export function downloadHeaders(options: { fileName: string; size?: number }): Headers {
  const headers = new Headers({
    'content-type': guessMimeType(options.fileName),
    'content-disposition': contentDisposition(options.fileName),
    'x-content-type-options': 'nosniff',
  })
  if (options.size !== undefined) headers.set('content-length', String(options.size))
  return headers
}

/** Werkzeug's `quote_header_value(value, allow_token=True)`. */
function quoteHeaderValue(value: string): string {
  if (tokenPattern.test(value)) return value
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}
