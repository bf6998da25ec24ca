// Typed arrays that grow as numbers come (word numbers, articles), for every
// stage: doubled, so that growing costs little per number added.

type Growable = Uint8Array | Int32Array | Uint32Array | Float64Array;

/** A copy of `array` at least `length` long (and at least twice as long), the rest zeros. */
export function grown<A extends Growable>(array: A, length = array.length + 1): A {
  const bigger = new (array.constructor as new (length: number) => A)(Math.max(length, 2 * array.length));
  bigger.set(array);
  return bigger;
}
