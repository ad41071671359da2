/**
 * Configuration: `zhpub.config.json` in the working folder (or `--config`),
 * validated by zod. It supplies what the article text does not carry: the
 * journal's name, abbreviation, publisher and volume.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { describeZodError, journalSchema } from '../model/meta.js';

export const configSchema = z
  .object({
    journal: journalSchema.optional(),
  })
  .strict();
export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Load and validate a configuration file; a missing default file is an empty configuration. */
export async function loadConfig(path: string | undefined): Promise<Config> {
  const file = path ?? 'zhpub.config.json';
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if (!path && (error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  const r = configSchema.safeParse(data);
  if (!r.success) throw new ConfigError(`${file}: ${describeZodError(r.error, 'config').join('; ')}`);
  return r.data;
}
