// Arrays that grow as items come, for every stage: typed arrays (word numbers,
// articles) doubled, so that growing costs little per number added; and lists
// appended to without spreading.

type Growable = Uint8Array | Int32Array | Uint32Array | Float64Array;

/** A copy of `array` at least `length` long (and at least twice as long), the rest zeros. */
export function grown<A extends Growable>(array: A, length = array.length + 1): A {
  const bigger = new (array.constructor as new (length: number) => A)(Math.max(length, 2 * array.length));
  bigger.set(array);
  return bigger;
}

/**
 * Appends `items` to `list`. `list.push(...items)` passes every item as an
 * argument, on the stack: a paragraph of a million tokens overflowed it.
 */
export function append<T>(list: T[], items: readonly T[]): void {
  for (const item of items) list.push(item);
}
