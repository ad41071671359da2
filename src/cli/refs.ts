/** `zhpub refs …`: reference parsing, formatting and checking. */
import { UsageError } from './args.js';
import type { Io } from './main.js';

export async function refsCommand(positionals: string[], _flags: Record<string, unknown>, _io: Io): Promise<number> {
  const [sub] = positionals;
  throw new UsageError(`refs ${sub ?? ''}: not available yet`);
}
