import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { notifications } from '@mantine/notifications';
import { documentsApi, onFileDrop, type DocumentRecordType, type UploadFailure } from '../../api';
import { i18n } from '../../i18n';
import { documentKeys, invalidateDocuments } from './hooks';
import { createUploadQueue, type UploadProgress, type UploadSummary } from './uploadQueue';

/**
 * Uploads to one record: files by path (dropped onto the page) go through a queue that reports "2 von 5"; the list
 * shows each stored file at once, and the files refused are kept for the card to explain. finish() takes the result
 * of the native dialog's upload the same way.
 */
export function useUploads(recordType: DocumentRecordType, recordId: string) {
  const client = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [failures, setFailures] = useState<UploadFailure[]>([]);

  // One queue per card; it outlives renders, so it speaks through the i18n instance rather than a render's t.
  const [queue] = useState(() => {
    const finished = (summary: UploadSummary) => {
      if (summary.failed.length > 0) setFailures(summary.failed);
      const [first] = summary.uploaded;
      if (first) {
        notifications.show({
          color: 'teal',
          autoClose: 4000,
          message: i18n.t('documents.uploaded', { count: summary.uploaded.length, name: first.fileName }),
        });
      }
      void invalidateDocuments(client, recordType, recordId);
    };
    return {
      finished,
      uploads: createUploadQueue((path) => documentsApi.uploadFiles(recordType, recordId, [path]), {
        started: () => {
          setFailures([]);
        },
        progress: setProgress,
        uploaded: () => void client.invalidateQueries({ queryKey: documentKeys.list(recordType, recordId) }),
        finished,
      }),
    };
  });

  return {
    progress,
    failures,
    dismissFailures: () => {
      setFailures([]);
    },
    /** Uploads files by path. */
    add: (paths: readonly string[]) => {
      queue.uploads.add(paths);
    },
    /** Takes the outcome of an upload done elsewhere (the native dialog's). */
    finish: (summary: UploadSummary) => {
      setFailures([]);
      queue.finished(summary);
    },
  };
}

/**
 * Calls add with the files dropped onto the page that holds element: anywhere in the app's main area (the record
 * page), not on the navigation or a dialog.
 */
export function useFileDropOnPage(element: RefObject<HTMLElement | null>, add: (paths: readonly string[]) => void) {
  const latest = useRef(add);
  useEffect(() => {
    latest.current = add;
  }, [add]);
  useEffect(
    () =>
      onFileDrop((x, y, paths) => {
        const own = element.current;
        if (!own || paths.length === 0) return;
        const area = own.closest('main') ?? own;
        const target = document.elementFromPoint(x, y);
        if (target && area.contains(target)) latest.current(paths);
      }),
    [element],
  );
}

/** Whether files from outside are being dragged over the window (to show where they may be dropped). */
export function useFileDragActive(): boolean {
  const [active, setActive] = useState(false);
  useEffect(() => {
    let timer: number | undefined;
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const end = () => {
      window.clearTimeout(timer);
      setActive(false);
    };
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      setActive(true);
      // dragover repeats while the pointer is over the window (at most every 550 ms); silence means it has gone.
      window.clearTimeout(timer);
      timer = window.setTimeout(end, 800);
    };
    const leave = (event: DragEvent) => {
      const outside =
        event.clientX <= 0 ||
        event.clientY <= 0 ||
        event.clientX >= window.innerWidth ||
        event.clientY >= window.innerHeight;
      if (outside) end();
    };
    window.addEventListener('dragenter', over);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', end);
    window.addEventListener('dragend', end);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('dragenter', over);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', end);
      window.removeEventListener('dragend', end);
    };
  }, []);
  return active;
}
