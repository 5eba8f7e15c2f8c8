import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { importsApi, type ListQuery } from '../../api';
import { renderWithProviders } from '../../test/render';
import { recordKeys } from '../records/keys';
import { importKeys } from './hooks';
import { JobView } from './JobView';
import { doneJob, runningJob } from './testData';

const plain = (element: HTMLElement) => element.textContent.replace(/\s/g, ' ');

beforeEach(() => {
  vi.restoreAllMocks();
});

describe('JobView while the import runs', () => {
  it('shows rows done, rows per second and the time left, and the result once the job has ended', async () => {
    vi.spyOn(importsApi, 'get').mockResolvedValue(runningJob);
    const { queryClient } = renderWithProviders(<JobView jobId="imp-1" />);
    const personList = recordKeys.list('person', {} as ListQuery);
    const organizationList = recordKeys.list('organization', {} as ListQuery);
    queryClient.setQueryData(personList, { items: [] });
    queryClient.setQueryData(organizationList, { items: [] });

    await screen.findByTestId('import-progress');
    expect(within(screen.getByTestId('import-progress')).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '40',
    );
    expect(plain(screen.getByTestId('import-rows-done'))).toBe('480 von 1.200 Zeilen');
    expect(plain(screen.getByTestId('import-rate'))).toBe('240 Zeilen pro Sekunde');
    expect(plain(screen.getByTestId('import-time-left'))).toBe('noch etwa 2 min 5 s');
    expect(screen.getByTestId('import-status')).toHaveTextContent('Läuft');
    expect(screen.getByText(/läuft im Server weiter/)).toBeInTheDocument();

    // The change feed (or the poll) brings the finished job: the result replaces the progress, and the lists reload.
    act(() => {
      queryClient.setQueryData(importKeys.job('imp-1'), doneJob);
    });
    await screen.findByTestId('import-result');
    expect(screen.queryByTestId('import-progress')).not.toBeInTheDocument();
    expect(queryClient.getQueryState(personList)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(organizationList)?.isInvalidated).toBe(true);
  });

  it('polls the job while it runs and stops when it has ended', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const get = vi
        .spyOn(importsApi, 'get')
        .mockResolvedValueOnce(runningJob)
        .mockResolvedValueOnce({ ...runningJob, rowsDone: 960 })
        .mockResolvedValue(doneJob);
      renderWithProviders(<JobView jobId="imp-1" />);
      await screen.findByTestId('import-progress');
      await act(() => vi.advanceTimersByTimeAsync(2100));
      await waitFor(() => {
        expect(plain(screen.getByTestId('import-rows-done'))).toBe('960 von 1.200 Zeilen');
      });
      await act(() => vi.advanceTimersByTimeAsync(2100));
      await screen.findByTestId('import-result');
      const calls = get.mock.calls.length;
      await act(() => vi.advanceTimersByTimeAsync(6000));
      expect(get.mock.calls.length).toBe(calls);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('JobView with the result', () => {
  it('shows the counts, saves the failed rows and undoes the import after asking', async () => {
    const undone = { ...doneJob, status: 'undone' as const, canUndo: false };
    let current = doneJob;
    vi.spyOn(importsApi, 'get').mockImplementation(() => Promise.resolve(current));
    const save = vi.spyOn(importsApi, 'saveFailedRows').mockResolvedValue('/home/claudia/Kunden-Fehler.xlsx');
    const undo = vi.spyOn(importsApi, 'undo').mockImplementation(() => {
      current = undone;
      return Promise.resolve({ job: undone, trashed: 1148, reverted: 29, kept: 3, gone: 0 });
    });
    const user = userEvent.setup();
    renderWithProviders(<JobView jobId="imp-1" />);

    await screen.findByTestId('import-result');
    expect(screen.getByTestId('import-result-text')).toHaveTextContent('Der Import ist abgeschlossen.');
    const count = (testId: string) => plain(within(screen.getByTestId(testId)).getByTestId('import-count'));
    expect([count('import-created'), count('import-updated'), count('import-skipped'), count('import-failed')]).toEqual(
      ['1.150', '30', '12', '8'],
    );

    await user.click(screen.getByTestId('import-failed-rows'));
    await user.click(await screen.findByRole('menuitem', { name: 'als Excel-Datei (XLSX)', hidden: true }));
    expect(save).toHaveBeenCalledWith('imp-1', 'xlsx');
    expect(
      await screen.findByText('Die fehlerhaften Zeilen wurden gespeichert: /home/claudia/Kunden-Fehler.xlsx'),
    ).toBeInTheDocument();

    await user.click(screen.getByTestId('import-undo'));
    const confirm = await screen.findByRole('dialog', { name: 'Import rückgängig machen?' });
    expect(confirm).toHaveTextContent('Die 1150 angelegten Datensätze kommen in den Papierkorb');
    expect(undo).not.toHaveBeenCalled();
    await user.click(within(confirm).getByRole('button', { name: 'Rückgängig machen' }));
    expect(undo).toHaveBeenCalledWith('imp-1');
    expect(await screen.findByTestId('import-undo-result')).toHaveTextContent(
      '1148 in den Papierkorb verschoben, 29 zurückgesetzt, 3 behalten (seitdem geändert), 0 bereits gelöscht.',
    );
    await waitFor(() => {
      expect(screen.getByTestId('import-status')).toHaveTextContent('Rückgängig gemacht');
    });
    expect(screen.queryByTestId('import-undo')).not.toBeInTheDocument();
  });

  it('offers neither download nor undo when nothing failed and the import cannot be undone', async () => {
    vi.spyOn(importsApi, 'get').mockResolvedValue({ ...doneJob, failed: 0, canUndo: false });
    renderWithProviders(<JobView jobId="imp-1" />);

    await screen.findByTestId('import-result');
    expect(screen.queryByTestId('import-failed-rows')).not.toBeInTheDocument();
    expect(screen.queryByTestId('import-undo')).not.toBeInTheDocument();
  });

  it('says so when the import stopped as a whole', async () => {
    vi.spyOn(importsApi, 'get').mockResolvedValue({ ...doneJob, status: 'failed', errorCode: 'import.file_invalid' });
    renderWithProviders(<JobView jobId="imp-1" />);

    expect(await screen.findByTestId('import-result-text')).toHaveTextContent('Der Import wurde abgebrochen.');
    expect(screen.getByTestId('import-status')).toHaveTextContent('Abgebrochen');
  });
});
