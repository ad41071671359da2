/** Command-line options, validated by zod: a wrong option is a usage error naming it. */
import { z } from 'zod';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const FORMATS = ['md', 'jats', 'pdf', 'handout', 'refs'] as const;

const formatList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.enum(FORMATS, { error: (i) => `unknown format \`${String(i.input)}\` (use ${FORMATS.join(', ')})` })).min(1, 'name at least one format'));

export const buildOptionsSchema = z
  .object({
    paths: z.array(z.string().min(1)).min(1, 'name at least one file or folder'),
    out: z.string().min(1).default('output'),
    format: formatList.default([...FORMATS]),
    force: z.boolean().default(false),
    watch: z.boolean().default(false),
    json: z.boolean().default(false),
    verbose: z.boolean().default(false),
    jobs: z.coerce.number().int().min(1).max(64).optional(),
    variant: z.enum(['tw', 'hk']).default('tw'),
    progress: z.boolean().optional(),
    config: z.string().min(1).optional(),
    bodySize: z.coerce.number().min(7.875, 'body text is at least 7.875 pt (六号)').max(14, 'body text is at most 14 pt').optional(),
  })
  .strict();
export type BuildCli = z.infer<typeof buildOptionsSchema>;

export const checkOptionsSchema = z
  .object({
    paths: z.array(z.string().min(1)).length(1, 'name exactly one file'),
    json: z.boolean().default(false),
    verbose: z.boolean().default(false),
    config: z.string().min(1).optional(),
  })
  .strict();

export const refsOptionsSchema = z
  .object({
    paths: z.array(z.string()).max(1),
    style: z.enum(['house', 'gbt7714', 'gbt7714-2025', 'vancouver', 'apa']).default('house'),
    json: z.boolean().default(false),
  })
  .strict();

const BOOLEAN_FLAGS = new Set(['force', 'watch', 'json', 'verbose', 'progress', 'help', 'version']);
const VALUE_FLAGS = new Set(['out', 'format', 'jobs', 'variant', 'style', 'bodySize', 'config']);

/** Split argv into positionals and `--name value` / `--name=value` / `--flag` options. */
export function parseArgv(argv: string[]): { positionals: string[]; flags: Record<string, unknown> } {
  const positionals: string[] = [];
  const flags: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = (eq > 0 ? arg.slice(2, eq) : arg.slice(2)).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      if (name.startsWith('no') && BOOLEAN_FLAGS.has(name.slice(2).toLowerCase())) {
        flags[name.slice(2).toLowerCase()] = false;
        continue;
      }
      if (BOOLEAN_FLAGS.has(name)) {
        if (eq > 0) throw new UsageError(`--${name} takes no value`);
        flags[name] = true;
      } else if (VALUE_FLAGS.has(name)) {
        const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
        flags[name] = value;
      } else throw new UsageError(`unknown option --${name}`);
    } else if (arg === '-') positionals.push(arg);
    else if (arg.startsWith('-') && arg.length > 1) {
      if (arg === '-h') flags.help = true;
      else if (arg === '-j') flags.jobs = argv[++i];
      else if (arg === '-o') flags.out = argv[++i];
      else throw new UsageError(`unknown option ${arg}`);
    } else positionals.push(arg);
  }
  return { positionals, flags };
}

export function validate<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.length ? (issue.path[0] === 'paths' ? 'arguments' : `--${String(issue.path[0])}`) : 'options';
  const message = issue.code === 'unrecognized_keys' ? `option not valid here: --${issue.keys.join(', --')}` : `${field}: ${issue.message}`;
  throw new UsageError(message);
}
