/**
 * Reading a parsed JSON document field by field, checking each one: a problem throws a
 * SavedModelError naming the field. Numbers that JSON cannot write (NaN, ±Infinity) travel as
 * the strings "NaN", "Infinity" and "-Infinity".
 */

/** A saved model that cannot be used; the message is one sentence for the user. */
export class SavedModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SavedModelError';
  }
}

type Json = unknown;

/** A number as JSON writes it (non-finite values as their names). */
export function jsonNumber(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

export function jsonNumbers(values: ArrayLike<number>): (number | string)[] {
  return Array.from(values, jsonNumber);
}

export class Fields {
  constructor(
    private readonly value: Json,
    private readonly path: string,
  ) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail('an object');
  }

  object(name: string): Fields {
    return new Fields(this.raw(name), this.at(name));
  }

  objects(name: string): Fields[] {
    return this.array(name).map((item, i) => new Fields(item, `${this.at(name)}[${i}]`));
  }

  /** An object, or null. */
  optionalObject(name: string): Fields | null {
    return this.raw(name) === null ? null : this.object(name);
  }

  string(name: string): string {
    const value = this.raw(name);
    if (typeof value !== 'string') this.fail('a string', name);
    return value as string;
  }

  strings(name: string): string[] {
    const values = this.array(name);
    if (!values.every((value) => typeof value === 'string')) this.fail('a list of strings', name);
    return values as string[];
  }

  number(name: string): number {
    return this.toNumber(this.raw(name), name);
  }

  /** A whole number of at least `min`. */
  integer(name: string, min = 0): number {
    const value = this.number(name);
    if (!Number.isSafeInteger(value) || value < min) this.fail(`a whole number of at least ${min}`, name);
    return value;
  }

  float64s(name: string, length?: number): Float64Array {
    const values = Float64Array.from(this.array(name), (value) => this.toNumber(value, name));
    if (length !== undefined && values.length !== length) this.fail(`a list of ${length} numbers`, name);
    return values;
  }

  int32s(name: string, length?: number, min = -(2 ** 31)): Int32Array {
    const values = this.float64s(name, length);
    if (!values.every((value) => Number.isInteger(value) && value >= min && value < 2 ** 31)) this.fail('a list of whole numbers', name);
    return Int32Array.from(values);
  }

  lists(name: string): Json[][] {
    const values = this.array(name);
    if (!values.every(Array.isArray)) this.fail('a list of lists', name);
    return values as Json[][];
  }

  array(name: string): Json[] {
    const value = this.raw(name);
    if (!Array.isArray(value)) this.fail('a list', name);
    return value as Json[];
  }

  raw(name: string): Json {
    const value = (this.value as Record<string, Json>)[name];
    if (value === undefined) throw new SavedModelError(`it has no ${this.at(name)}`);
    return value;
  }

  /** Throws: `what` is what the field should have been. */
  fail(what: string, name?: string): never {
    throw new SavedModelError(`its ${name === undefined ? this.path : this.at(name)} is not ${what}`);
  }

  private toNumber(value: Json, name: string): number {
    if (typeof value === 'number') return value;
    if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
    return this.fail('a number', name);
  }

  private at(name: string): string {
    return this.path === '' ? name : `${this.path}.${name}`;
  }
}
