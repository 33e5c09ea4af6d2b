import type { Sanction } from '../api/client';

type Weighable = Pick<Sanction, 'kind' | 'inForce' | 'endsAt'>;

/**
 * The sanction in force that weighs most, as the server picks it for the agencies' list: a
 * blacklisting before a suspension, then the one that ends last (never is last of all).
 */
export function weightiest<S extends Weighable>(sanctions: S[]): S | undefined {
  const end = (s: S) => (s.endsAt ? Date.parse(s.endsAt) : Infinity);
  return sanctions
    .filter((s) => s.inForce)
    .sort((a, b) => Number(b.kind === 'blacklist') - Number(a.kind === 'blacklist') || end(b) - end(a))[0];
}
