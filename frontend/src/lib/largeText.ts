// The larger-text mode (适老化): a choice of this browser, kept in localStorage and shared
// by every component through a tiny external store.
import { useSyncExternalStore } from 'react';

const storageKey = 'intermart.largeText';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(storageKey) === 'on';
  } catch {
    return false; // storage disabled
  }
}

let current = typeof window === 'undefined' ? false : read();

export function setLargeText(on: boolean) {
  current = on;
  try {
    if (on) window.localStorage.setItem(storageKey, 'on');
    else window.localStorage.removeItem(storageKey);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  listeners.forEach((notify) => notify());
}

function subscribe(notify: () => void) {
  listeners.add(notify);
  return () => listeners.delete(notify);
}

/** Whether the larger-text mode is on; re-renders when it is switched. */
export function useLargeText(): boolean {
  return useSyncExternalStore(subscribe, () => current);
}
