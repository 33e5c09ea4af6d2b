import { useSearchParams } from 'react-router';

/**
 * A list's filters, kept in the URL so a filtered list can be shared and "back" from a detail
 * page returns to it. An empty value removes its parameter; changes replace the history entry.
 */
export function useUrlFilters<K extends string>(
  ...names: K[]
): [values: Record<K, string>, setFilter: (name: K, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(names.map((n) => [n, params.get(n) ?? ''])) as Record<K, string>;
  const setFilter = (name: K, value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return [values, setFilter];
}
