// Arrays that grow as items come, for every stage: typed arrays (word numbers,
// articles) doubled, so that growing costs little per number added; and lists
// appended to without spreading.

type Growable = Uint8Array | Uint16Array | Int32Array | Uint32Array | Float64Array;

/** A copy of `array` at least `length` long (and at least twice as long), the rest zeros. */
export function grown<A extends Growable>(array: A, length = array.length + 1): A {
  const bigger = new (array.constructor as new (length: number) => A)(Math.max(length, 2 * array.length));
  bigger.set(array);
  return bigger;
}

/** Items `push(...items)` takes at once; each is an argument on the stack, and 150,000 overflowed it. */
const SPREAD_AT_MOST = 10_000;

/** Appends `items` to `list`: spread while that is safe (it is the faster), one by one past that. */
export function append<T>(list: T[], items: readonly T[]): void {
  if (items.length <= SPREAD_AT_MOST) list.push(...items);
  else for (const item of items) list.push(item);
}
