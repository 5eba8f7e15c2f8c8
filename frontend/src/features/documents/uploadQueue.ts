import type { Document, UploadFailure, UploadResult } from '../../api';
import { parseError } from '../../api/errors';

/** How far the files of the current batch are: done of total, and the one being sent. */
export interface UploadProgress {
  total: number;
  done: number;
  current: string;
}

/** What a batch (every file added while uploads were running) ended with. */
export interface UploadSummary {
  uploaded: Document[];
  failed: UploadFailure[];
}

export interface UploadQueueEvents {
  /** A batch starts (the first files added while idle). */
  started: () => void;
  /** Progress of the batch; null when it has ended. */
  progress: (progress: UploadProgress | null) => void;
  /** One file is stored (the list can show it at once). */
  uploaded: (document: Document) => void;
  /** The batch has ended. */
  finished: (summary: UploadSummary) => void;
}

/** The file name of a path, with either separator (the paths come from Linux or Windows). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/**
 * Uploads files one at a time, so that the card can say how far it is ("2 von 5"), and takes more files while it
 * runs (a second drop joins the batch). A refused file is reported and the next one follows; a call that fails as
 * a whole (the session ended, the desktop side gone) fails the rest of the batch with the same error.
 */
export function createUploadQueue(upload: (path: string) => Promise<UploadResult>, events: UploadQueueEvents) {
  let pending: string[] = [];
  let running = false;
  let total = 0;
  let done = 0;
  let current = '';
  let summary: UploadSummary = { uploaded: [], failed: [] };

  const failure = (path: string, reason: unknown): UploadFailure => {
    const error = parseError(reason);
    return {
      path,
      fileName: baseName(path),
      status: error.status,
      code: error.code,
      message: error.message,
      fields: { ...error.fields },
    };
  };

  async function run(): Promise<void> {
    running = true;
    while (pending.length > 0) {
      const path = pending.shift() ?? '';
      current = baseName(path);
      events.progress({ total, done, current });
      try {
        const result = await upload(path);
        for (const document of result.uploaded) {
          summary.uploaded.push(document);
          events.uploaded(document);
        }
        summary.failed.push(...result.failed);
      } catch (reason) {
        summary.failed.push(...[path, ...pending].map((rest) => failure(rest, reason)));
        done += pending.length;
        pending = [];
      }
      done += 1;
    }
    const finished = summary;
    running = false;
    total = 0;
    done = 0;
    current = '';
    summary = { uploaded: [], failed: [] };
    events.progress(null);
    events.finished(finished);
  }

  return {
    /** Adds files to the batch, starting one when idle. */
    add(paths: readonly string[]): void {
      if (paths.length === 0) return;
      pending.push(...paths);
      total += paths.length;
      if (running) {
        events.progress({ total, done, current });
        return;
      }
      events.started();
      void run();
    },
    get running(): boolean {
      return running;
    },
  };
}
