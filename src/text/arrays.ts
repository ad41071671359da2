/**
 * Array helpers whose cost does not depend on the call stack: a spread
 * (`a.push(...b)`, `Math.max(...b)`) passes every element as an argument and
 * fails with "Maximum call stack size exceeded" once `b` holds some hundred
 * thousand elements, which one hostile paragraph or table can make.
 */

/** Append every item of `items` to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]!);
  return target;
}

/** The largest of `values`, or `empty` when there is none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = empty;
  let any = false;
  for (const v of values) {
    if (!any || v > max) max = v;
    any = true;
  }
  return any ? max : empty;
}
