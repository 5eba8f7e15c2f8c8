import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { exportsApi, onExportProgress, type ExportProgress } from '../../api';

export const exportKeys = {
  toDownloads: ['exports', 'toDownloads'] as const,
  list: ['exports', 'list'] as const,
};

/** This desktop's setting "Exporte direkt im Download-Ordner speichern". */
export function useToDownloadsSetting() {
  return useQuery({ queryKey: exportKeys.toDownloads, queryFn: () => exportsApi.toDownloads() });
}

export function useSetToDownloads() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => exportsApi.setToDownloads(on),
    onMutate: (on) => {
      const before = client.getQueryData<boolean>(exportKeys.toDownloads);
      client.setQueryData(exportKeys.toDownloads, on);
      return { before };
    },
    onError: (_error, _on, context) => {
      client.setQueryData(exportKeys.toDownloads, context?.before);
    },
  });
}

/** The company's exports, newest first, page by page (admins). */
export function useExportList() {
  return useInfiniteQuery({
    queryKey: exportKeys.list,
    queryFn: ({ pageParam }) => exportsApi.list(pageParam),
    initialPageParam: '',
    getNextPageParam: (last) => (last.nextCursor === '' ? undefined : last.nextCursor),
  });
}

/** The progress of the running export while active (null before the first report). */
export function useExportProgress(active: boolean): ExportProgress | null {
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  useEffect(() => {
    if (!active) return undefined;
    const stop = onExportProgress(setProgress);
    return () => {
      stop();
      setProgress(null);
    };
  }, [active]);
  return active ? progress : null;
}
