import { describe, expect, it, vi } from 'vitest';
import type { Document, UploadResult } from '../../api';
import { ApiError } from '../../api/errors';
import { baseName, createUploadQueue, type UploadProgress, type UploadSummary } from './uploadQueue';

function doc(name: string): Document {
  return {
    id: `d-${name}`,
    recordType: 'deal',
    recordId: 'deal-1',
    fileName: name,
    contentType: 'application/pdf',
    size: 1000,
    sha256: '',
    uploadedById: 'u1',
    uploadedByName: 'Claudia Becker',
    canDelete: true,
    version: 1,
    createdAt: '2026-11-27T10:00:00Z',
  };
}

/** A fake UploadFiles: names starting with "nein" are refused as a type mismatch; each call waits for release(). */
function fakeUpload() {
  const waiting: (() => void)[] = [];
  const upload = vi.fn(async (path: string): Promise<UploadResult> => {
    await new Promise<void>((resolve) => waiting.push(resolve));
    const name = baseName(path);
    if (name.startsWith('nein')) {
      return {
        uploaded: [],
        failed: [{ path, fileName: name, status: 415, code: 'document.type_mismatch', message: 'x', fields: {} }],
      };
    }
    return { uploaded: [doc(name)], failed: [] };
  });
  const release = async () => {
    await vi.waitFor(() => {
      expect(waiting.length).toBeGreaterThan(0);
    });
    waiting.shift()?.();
  };
  return { upload, release };
}

function recorder() {
  const progress: (UploadProgress | null)[] = [];
  const uploaded: string[] = [];
  const finished: UploadSummary[] = [];
  const started = vi.fn();
  return {
    progress,
    uploaded,
    finished,
    started,
    events: {
      started,
      progress: (p: UploadProgress | null) => progress.push(p),
      uploaded: (d: Document) => uploaded.push(d.fileName),
      finished: (s: UploadSummary) => finished.push(s),
    },
  };
}

describe('baseName', () => {
  it('takes the name from Linux and Windows paths', () => {
    expect(baseName('/home/jonas/Angebot.pdf')).toBe('Angebot.pdf');
    expect(baseName('C:\\Users\\Jonas\\Angebot Müller.pdf')).toBe('Angebot Müller.pdf');
    expect(baseName('Angebot.pdf')).toBe('Angebot.pdf');
  });
});

describe('createUploadQueue', () => {
  it('uploads one file after the other, reports progress and every result, and ends the batch once', async () => {
    const { upload, release } = fakeUpload();
    const r = recorder();
    const queue = createUploadQueue(upload, r.events);

    queue.add(['/tmp/a.pdf', '/tmp/nein.png', '/tmp/c.pdf']);
    expect(queue.running).toBe(true);
    expect(r.started).toHaveBeenCalledTimes(1);
    await release();
    await release();
    await release();
    await vi.waitFor(() => {
      expect(r.finished).toHaveLength(1);
    });

    expect(upload.mock.calls.map(([path]) => path)).toEqual(['/tmp/a.pdf', '/tmp/nein.png', '/tmp/c.pdf']);
    expect(r.progress).toEqual([
      { total: 3, done: 0, current: 'a.pdf' },
      { total: 3, done: 1, current: 'nein.png' },
      { total: 3, done: 2, current: 'c.pdf' },
      null,
    ]);
    expect(r.uploaded).toEqual(['a.pdf', 'c.pdf']);
    expect(r.finished[0]?.uploaded.map((d) => d.fileName)).toEqual(['a.pdf', 'c.pdf']);
    expect(r.finished[0]?.failed.map((f) => [f.fileName, f.code])).toEqual([['nein.png', 'document.type_mismatch']]);
    expect(queue.running).toBe(false);
  });

  it('takes files dropped while it runs into the same batch', async () => {
    const { upload, release } = fakeUpload();
    const r = recorder();
    const queue = createUploadQueue(upload, r.events);

    queue.add(['/tmp/a.pdf']);
    queue.add(['/tmp/b.pdf']);
    expect(r.progress.at(-1)).toEqual({ total: 2, done: 0, current: 'a.pdf' });
    await release();
    await release();
    await vi.waitFor(() => {
      expect(r.finished).toHaveLength(1);
    });
    expect(r.started).toHaveBeenCalledTimes(1);
    expect(r.finished[0]?.uploaded.map((d) => d.fileName)).toEqual(['a.pdf', 'b.pdf']);

    // The next drop is a new batch.
    queue.add(['/tmp/d.pdf']);
    await release();
    await vi.waitFor(() => {
      expect(r.finished).toHaveLength(2);
    });
    expect(r.started).toHaveBeenCalledTimes(2);
    expect(r.progress.at(-2)).toEqual({ total: 1, done: 0, current: 'd.pdf' });
  });

  it('fails the rest of the batch with the error of a call that failed as a whole', async () => {
    const upload = vi
      .fn<(path: string) => Promise<UploadResult>>()
      .mockResolvedValueOnce({ uploaded: [doc('a.pdf')], failed: [] })
      .mockRejectedValueOnce(new ApiError({ status: 401, code: 'auth.unauthenticated' }));
    const r = recorder();
    const queue = createUploadQueue(upload, r.events);

    queue.add(['/tmp/a.pdf', '/tmp/b.pdf', '/tmp/c.pdf']);
    await vi.waitFor(() => {
      expect(r.finished).toHaveLength(1);
    });

    expect(upload).toHaveBeenCalledTimes(2);
    expect(r.finished[0]?.uploaded.map((d) => d.fileName)).toEqual(['a.pdf']);
    expect(r.finished[0]?.failed.map((f) => [f.fileName, f.status, f.code])).toEqual([
      ['b.pdf', 401, 'auth.unauthenticated'],
      ['c.pdf', 401, 'auth.unauthenticated'],
    ]);
  });

  it('ignores an empty drop', () => {
    const upload = vi.fn<(path: string) => Promise<UploadResult>>();
    const r = recorder();
    createUploadQueue(upload, r.events).add([]);
    expect(upload).not.toHaveBeenCalled();
    expect(r.started).not.toHaveBeenCalled();
  });
});
