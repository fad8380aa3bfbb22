import { open, type FileHandle } from 'node:fs/promises';
import { SafeMapError } from '../errors.js';

/** The error for a source file that cannot be opened or read: SOURCE_UNREADABLE, naming the file and the cause. */
export function unreadableSource(file: string, error: unknown): SafeMapError {
  return new SafeMapError('SOURCE_UNREADABLE', `${file}: cannot be read (${(error as Error).message})`, { file }, { cause: error });
}

/** Opens a source file for reading, or throws {@link unreadableSource}. */
export async function openSource(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r');
  } catch (error) {
    throw unreadableSource(file, error);
  }
}
