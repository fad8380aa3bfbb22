import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { SafeMapError } from '../errors.js';
import { catalogSchema, type Catalog } from './catalog_schema.js';

/** A validated catalogue plus the folder its relative source paths resolve against. */
export interface LoadedCatalog {
  readonly file: string;
  readonly baseDir: string;
  readonly catalog: Catalog;
}

/** Reads and validates a layer catalogue; every problem is reported with the file and its key path. */
export async function loadCatalog(file: string): Promise<LoadedCatalog> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new SafeMapError('CATALOG_UNREADABLE', `${absolute}: cannot read the catalogue (${(error as Error).message})`, undefined, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SafeMapError('CATALOG_INVALID', `${absolute}: not valid JSON (${(error as Error).message})`, undefined, { cause: error });
  }
  return { file: absolute, baseDir: path.dirname(absolute), catalog: parseCatalog(json, absolute) };
}

/** Validates an already-parsed catalogue; `file` only names the origin in error messages. */
export function parseCatalog(json: unknown, file: string): Catalog {
  const result = catalogSchema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(issue));
  throw new SafeMapError('CATALOG_INVALID', `${file}: invalid catalogue\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
    file,
    problems,
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown key`).join('; ');
  }
  return `${where || '(root)'}: ${issue.message}`;
}

function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`))
    .join('');
}
