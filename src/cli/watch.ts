/**
 * `--watch`: rebuild when an input changes, for as long as the command runs.
 *
 * Editors save by writing a temporary file and renaming it over the input;
 * `fs.watch` on the file itself follows the old inode and stops firing after
 * the first such save. So each input's *folder* is watched, and its events
 * are filtered by name: a file input by its own name (and its figure images,
 * `<stem>.F1.png`), a folder input by the article and image extensions.
 * A watcher that fails, or whose folder is removed or replaced, is armed
 * again once the folder is back (checked twice a second), and that counts as
 * a change. Events are debounced; a change during a rebuild schedules one
 * more rebuild after it, never two at once.
 */
import { statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** Files whose change rebuilds a folder input: articles and figure images. */
const WATCHED_NAME = /\.(txt|md|markdown|xml|jats|png|jpe?g)$/i;

interface Target {
  dir: string;
  /** Does a change of this name (a child of `dir`) concern the inputs? */
  matches: (name: string) => boolean;
}

/** Where to watch for each path given: its folder, with a filter. */
export function watchTargets(paths: string[]): Target[] {
  const byDir = new Map<string, Array<(name: string) => boolean>>();
  const add = (dir: string, m: (name: string) => boolean) => {
    const key = path.resolve(dir);
    byDir.set(key, [...(byDir.get(key) ?? []), m]);
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // not there (yet): watched as a file
    }
    if (isDir) add(p, (name) => !name.startsWith('.') && WATCHED_NAME.test(name));
    else {
      const base = path.basename(p);
      const stem = base.replace(/\.[^.]*$/, '');
      add(path.dirname(p), (name) => name === base || (name.startsWith(stem) && /^[.\-_]/.test(name.slice(stem.length)) && /\.(png|jpe?g)$/i.test(name)));
    }
  }
  return [...byDir].map(([dir, ms]) => ({ dir, matches: (name: string) => ms.some((m) => m(name)) }));
}

export interface WatchOptions {
  /** Quiet time after the last event before rebuilding (ms). */
  debounceMs?: number;
  /** How often a folder that vanished or was replaced is looked for (ms). */
  recheckMs?: number;
}

/**
 * Watch `paths` and call `rebuild` after each change until `stop()`. Returns
 * the controller; `stop()` resolves once a running rebuild has finished.
 */
export function watchInputs(paths: string[], rebuild: () => Promise<unknown>, options: WatchOptions = {}): { stop: () => Promise<void> } {
  const debounceMs = options.debounceMs ?? 120;
  const recheckMs = options.recheckMs ?? 500;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const run = async () => {
    do {
      again = false;
      try {
        await rebuild();
      } catch {
        // the caller reports its own errors; the watch goes on
      }
    } while (again && !stopped);
  };
  const trigger = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (running) again = true;
      else running = run().finally(() => (running = null));
    }, debounceMs);
  };

  interface Armed {
    target: Target;
    watcher: FSWatcher | null;
    /** The folder's identity when armed (device and inode): a folder renamed over it is another. */
    id: string | null;
  }
  const folderId = (dir: string): string | null => {
    try {
      const s = statSync(dir);
      return s.isDirectory() ? `${s.dev}:${s.ino}` : null;
    } catch {
      return null;
    }
  };
  const disarm = (a: Armed) => {
    a.watcher?.close();
    a.watcher = null;
    a.id = null;
  };
  const arm = (a: Armed): boolean => {
    const id = folderId(a.target.dir);
    if (!id) return false;
    try {
      const w = watch(a.target.dir, { persistent: true }, (_event, name) => {
        if (name === null || a.target.matches(String(name))) trigger();
      });
      w.on('error', () => {
        // e.g. the folder was removed: look for it again on the next check
        disarm(a);
      });
      a.watcher = w;
      a.id = id;
      return true;
    } catch {
      return false;
    }
  };
  const armed: Armed[] = watchTargets(paths).map((target) => ({ target, watcher: null, id: null }));
  for (const a of armed) arm(a);

  const check = setInterval(() => {
    for (const a of armed) {
      const id = folderId(a.target.dir);
      if (a.watcher && id === a.id) continue;
      if (a.watcher) disarm(a);
      if (id && arm(a)) trigger();
    }
  }, recheckMs);

  return {
    stop: async () => {
      stopped = true;
      clearInterval(check);
      if (timer) clearTimeout(timer);
      for (const a of armed) disarm(a);
      await running;
    },
  };
}

/** Resolve on the first SIGINT or SIGTERM (Ctrl-C, `kill`). */
export function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
