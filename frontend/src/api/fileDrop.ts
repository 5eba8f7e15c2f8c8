import { OnFileDrop } from '../lib/wailsjs/runtime/runtime';

/** Called with the drop point (CSS pixels of the window) and the absolute paths of the dropped files. */
export type FileDropListener = (x: number, y: number, paths: string[]) => void;

const listeners = new Set<FileDropListener>();
let listening = false;

/**
 * Takes the files dropped onto the window from the operating system for the whole session: Wails' OnFileDrop (the
 * desktop side reads the paths from the drop and sends them with the point) with its window listeners, which also
 * keep a file dropped where nothing takes it from replacing the app in the web view. Wails takes one callback at a
 * time, so this module holds the one registration and hands each drop to the listeners of onFileDrop. Outside the
 * desktop shell (unit tests) there is no runtime, and nothing is ever dropped.
 */
export function listenForFileDrops(): void {
  if (listening) return;
  try {
    // useDropTarget false: the listeners test the point themselves, so a drop anywhere on a record page counts.
    OnFileDrop((x, y, paths) => {
      for (const listener of [...listeners]) listener(x, y, paths);
    }, false);
    listening = true;
  } catch {
    // no Wails runtime
  }
}

/**
 * Calls listener with every drop of files onto the window; each listener decides by the point whether the drop is
 * for it. Returns the function that stops listening.
 */
export function onFileDrop(listener: FileDropListener): () => void {
  listenForFileDrops();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
