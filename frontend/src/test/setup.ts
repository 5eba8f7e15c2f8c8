import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import '../i18n';

// findBy… and waitFor wait 1 s by default: a Mantine page rendering on a busy 2-core machine (make test runs Go,
// PostgreSQL and the browser tests beside vitest) takes longer, and such a test then fails for no fault of the code.
// Waiting longer costs nothing when the element comes sooner.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
});

// happy-dom lacks a few browser APIs that Mantine uses.
if (!('matchMedia' in window)) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}
if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe(): void {
      // Nothing is laid out in happy-dom, so nothing ever resizes.
    }
    unobserve(): void {
      // See observe().
    }
    disconnect(): void {
      // See observe().
    }
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: ResizeObserverStub });
}
if (!('fonts' in document)) {
  // Mantine's autosizing Textarea listens for web fonts finishing to load.
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => undefined, removeEventListener: () => undefined, ready: Promise.resolve() },
  });
}
