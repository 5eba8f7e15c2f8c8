import { WindowSetTitle } from '../lib/wailsjs/runtime/runtime';

/**
 * Sets the desktop window's title, so that the task bar tells which account a window is signed in to. Outside
 * the desktop shell (unit tests) there is no window, and nothing happens.
 */
export function setWindowTitle(title: string): void {
  try {
    WindowSetTitle(title);
  } catch {
    // no Wails runtime: nothing to title
  }
}
