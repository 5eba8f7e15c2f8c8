import { BrowserOpenURL, WindowSetTitle } from '../lib/wailsjs/runtime/runtime';

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

/**
 * Opens a web address, mailto: or tel: link with the system's default program (the desktop window itself never
 * leaves the app). Outside the desktop shell it opens a new browser tab.
 */
export function openExternal(url: string): void {
  try {
    BrowserOpenURL(url);
  } catch {
    window.open(url, '_blank', 'noopener');
  }
}
