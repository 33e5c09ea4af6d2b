import { useSyncExternalStore } from 'react';

// Below antd's lg breakpoint (992 px) the side menu becomes a drawer and headers compact.
const query = '(max-width: 991.98px)';

function subscribe(notify: () => void) {
  const list = window.matchMedia(query);
  list.addEventListener('change', notify);
  return () => list.removeEventListener('change', notify);
}

/**
 * Whether the screen is narrow (a phone or a small tablet). Read synchronously, so the first
 * render already has the right layout, unlike antd's Grid.useBreakpoint.
 */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}
