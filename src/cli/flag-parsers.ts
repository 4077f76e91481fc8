// What the flag definitions share: argument parsers and the flag type of a command.
import { InvalidArgumentError } from '@commander-js/extra-typings';

/** A whole number ≥ min, e.g. `--step 3`. */
export function int(name: string, min: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}`);
    return n;
  };
}

/** The typed options of a command built by `F`. */
export type FlagsOf<F extends () => { opts(): unknown }> = ReturnType<ReturnType<F>['opts']>;
