import { isUtf8 } from 'buffer';
import * as fs from 'fs';

/**
 * The one way user input files (filters, schemas, samples, test files) are read. A path can name anything:
 * a FIFO that never ends, `/dev/zero`, a folder, a symlink loop, a file of gigabytes. Reading such a thing
 * whole hangs or exhausts memory, so a file is read only if it is a regular file under a size limit, and
 * everything else is refused with a message that says what the path is.
 */

/** 32 MiB: far above any real filters file or schema (the benches' 10,000 filters are about 3 MB). */
export const DEFAULT_MAX_FILE_BYTES = 32 * 1024 * 1024;

let maxFileBytes = DEFAULT_MAX_FILE_BYTES;

/** Where the limit is set, named in the message so the user knows how to raise it. */
export const MAX_FILE_BYTES_SETTING = 'the setting cdcRouting.maxFileBytes, or CDC_ROUTING_MAX_FILE_BYTES for the CLI';

/** Sets the limit (the editor's setting, the CLI's environment); an invalid value keeps the default. */
export function setMaxFileBytes(limit: number | string | undefined): void {
  const n = typeof limit === 'string' ? Number(limit.trim()) : limit;
  maxFileBytes = n !== undefined && Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_FILE_BYTES;
}

export function currentMaxFileBytes(): number {
  return maxFileBytes;
}

export type FileRefusal = 'not-found' | 'not-regular' | 'too-large' | 'symlink-loop' | 'unreadable' | 'not-utf8';

/** Why a file was not read; the message is a complete sentence fragment about the file ("… is a directory"). */
export class FileReadError extends Error {
  constructor(
    readonly reason: FileRefusal,
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;

function tooLarge(file: string, size: string): FileReadError {
  return new FileReadError(
    'too-large',
    file,
    `${file} is ${size}, over the limit of ${bytes(maxFileBytes)} (raise it with ${MAX_FILE_BYTES_SETTING})`,
  );
}

function openError(file: string, err: NodeJS.ErrnoException): FileReadError {
  switch (err.code) {
    case 'ENOENT':
      return new FileReadError('not-found', file, `${file} not found`);
    case 'ELOOP':
      return new FileReadError('symlink-loop', file, `${file} is a symlink loop (its links point back to themselves)`);
    case 'EISDIR':
      return new FileReadError('not-regular', file, `${file} is a directory, not a file`);
    case 'ENOTDIR':
      return new FileReadError('not-found', file, `${file} not found (a part of the path is not a folder)`);
    case 'EACCES':
    case 'EPERM':
      return new FileReadError('unreadable', file, `${file} cannot be read: permission denied`);
    default:
      return new FileReadError('unreadable', file, `${file} cannot be read: ${err.code ?? err.message}`);
  }
}

/** The bytes of a regular file of at most the limit; throws FileReadError otherwise. */
export function readBoundedBytes(file: string): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw openError(file, err as NodeJS.ErrnoException);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new FileReadError('not-regular', file, `${file} is ${kindOf(stat)}, not a regular file`);
    if (stat.size > maxFileBytes) throw tooLarge(file, bytes(stat.size));
    // Read at most limit + 1 bytes whatever the size said: a file can grow while it is read.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxFileBytes + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > maxFileBytes) throw tooLarge(file, `more than ${bytes(maxFileBytes)}`);
    }
    return Buffer.concat(chunks, total);
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    throw openError(file, err as NodeJS.ErrnoException);
  } finally {
    fs.closeSync(fd);
  }
}

/** Where the first byte that is not UTF-8 is (Node's decoder would silently make it U+FFFD), or -1. */
function firstInvalidUtf8(buf: Buffer, text: string): number {
  if (isUtf8(buf)) return -1;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    const at = Buffer.byteLength(text.slice(0, i), 'utf8');
    // A U+FFFD that is really in the file is the three bytes EF BF BD.
    if (!(buf[at] === 0xef && buf[at + 1] === 0xbf && buf[at + 2] === 0xbd)) return at;
  }
  return -1;
}

/** The text of a regular UTF-8 file of at most the limit; throws FileReadError otherwise. */
export function readBoundedText(file: string): string {
  const buf = readBoundedBytes(file);
  const text = buf.toString('utf8');
  const bad = firstInvalidUtf8(buf, text);
  if (bad >= 0) {
    let line = 1;
    for (let i = 0; i < bad; i++) if (buf[i] === 0x0a) line++;
    const hex = buf[bad].toString(16).padStart(2, '0');
    throw new FileReadError(
      'not-utf8',
      file,
      `${file} is not UTF-8: byte 0x${hex} at line ${line} (byte offset ${bad}); save the file as UTF-8`,
    );
  }
  return text;
}

/** readBoundedText as data: the text, or the message saying why the file was not read. */
export function tryReadBoundedText(file: string): { ok: true; text: string } | { ok: false; error: FileReadError } {
  try {
    return { ok: true, text: readBoundedText(file) };
  } catch (err) {
    if (err instanceof FileReadError) return { ok: false, error: err };
    throw err;
  }
}
