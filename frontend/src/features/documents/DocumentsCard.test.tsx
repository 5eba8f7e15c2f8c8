import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { documentsApi, type Document, type UploadResult } from '../../api';
import { ApiError } from '../../api/errors';
import { renderWithProviders } from '../../test/render';
import { DocumentsCard } from './DocumentsCard';

// The Wails runtime: the test holds the OnFileDrop callback and drops files through it, as the desktop side does.
const runtime = vi.hoisted(() => ({
  drop: undefined as undefined | ((x: number, y: number, paths: string[]) => void),
}));
vi.mock('../../lib/wailsjs/runtime/runtime', () => ({
  OnFileDrop: (callback: (x: number, y: number, paths: string[]) => void) => {
    runtime.drop = callback;
  },
}));

function doc(overrides: Partial<Document> & Pick<Document, 'id' | 'fileName'>): Document {
  return {
    recordType: 'deal',
    recordId: 'deal-1',
    contentType: 'application/pdf',
    size: 1_468_006,
    sha256: '',
    uploadedById: 'u-claudia',
    uploadedByName: 'Claudia Becker',
    canDelete: true,
    version: 3,
    createdAt: '2026-11-27T13:05:00Z',
    ...overrides,
  };
}

const offer = doc({ id: 'd-offer', fileName: 'Angebot Müller.pdf' });
const plain = (text: string | null) => (text ?? '').replace(/\s/g, ' ');
// Menu items are queried with hidden: true: happy-dom lays nothing out, so Floating UI deems the menu's anchor
// hidden and Mantine hides the dropdown with display: none.

function renderCard() {
  const user = userEvent.setup();
  const result = renderWithProviders(<DocumentsCard recordType="deal" recordId="deal-1" />);
  return { user, ...result };
}

/** Drops files at a point whose element is target (happy-dom lays nothing out, so the point is a formality). */
function dropOnto(target: Element | null, paths: string[]) {
  document.elementFromPoint = () => target;
  expect(runtime.drop).toBeDefined();
  runtime.drop?.(10, 20, paths);
}

beforeEach(() => {
  vi.spyOn(documentsApi, 'storage').mockResolvedValue({
    usedBytes: 1_073_000_000,
    reservedBytes: 0,
    limitBytes: 1_073_741_824,
  });
});

describe('DocumentsCard', () => {
  it('lists name with its type, uploader, German date and size', async () => {
    vi.spyOn(documentsApi, 'list').mockResolvedValue([offer]);
    renderCard();

    const row = await screen.findByTestId('document-row');
    expect(within(row).getByTestId('document-name')).toHaveTextContent('Angebot Müller.pdf');
    expect(within(row).getByRole('img', { name: 'PDF-Dokument' })).toBeInTheDocument();
    expect(within(row).getByTestId('document-uploader')).toHaveTextContent('Claudia Becker');
    expect(within(row).getByTestId('document-date').textContent).toMatch(/^27\.11\.2026, \d\d:05$/);
    expect(plain(within(row).getByTestId('document-size').textContent)).toBe('1,4 MB');
  });

  it('says when there are none', async () => {
    vi.spyOn(documentsApi, 'list').mockResolvedValue([]);
    renderCard();
    expect(await screen.findByText('Noch keine Dokumente.')).toBeInTheDocument();
  });

  it('uploads files dropped onto the page one by one and explains each refusal', async () => {
    const list = vi.spyOn(documentsApi, 'list').mockResolvedValue([]);
    const upload = vi
      .spyOn(documentsApi, 'uploadFiles')
      .mockImplementation((_type, _id, [path = '']): Promise<UploadResult> => {
        if (path.endsWith('Angebot Müller.pdf')) return Promise.resolve({ uploaded: [offer], failed: [] });
        return Promise.resolve({
          uploaded: [],
          failed: [
            { path, fileName: 'Präsentation.pdf', status: 413, code: 'quota.exceeded', message: 'x', fields: {} },
          ],
        });
      });
    renderCard();
    await screen.findByText('Noch keine Dokumente.');

    list.mockResolvedValue([offer]);
    dropOnto(screen.getByTestId('documents-card'), ['/home/c/Angebot Müller.pdf', '/home/c/Präsentation.pdf']);

    await screen.findByTestId('document-row');
    const failures = await screen.findByTestId('documents-failures');
    expect(upload.mock.calls.map((call) => call.slice(0, 3))).toEqual([
      ['deal', 'deal-1', ['/home/c/Angebot Müller.pdf']],
      ['deal', 'deal-1', ['/home/c/Präsentation.pdf']],
    ]);
    expect(within(failures).getByText('Eine Datei wurde nicht hochgeladen')).toBeInTheDocument();
    await waitFor(() => {
      expect(plain(within(failures).getByTestId('documents-failure').textContent)).toContain(
        'Präsentation.pdf: Ihr Speicherplatz reicht dafür nicht aus: 1.023 MB von 1 GB sind belegt.',
      );
    });
    expect(await screen.findByText('„Angebot Müller.pdf“ wurde hochgeladen.')).toBeInTheDocument();
  });

  it('leaves files dropped outside the page alone', async () => {
    vi.spyOn(documentsApi, 'list').mockResolvedValue([]);
    const upload = vi.spyOn(documentsApi, 'uploadFiles');
    renderCard();
    await screen.findByText('Noch keine Dokumente.');

    const elsewhere = document.createElement('nav');
    document.body.append(elsewhere);
    dropOnto(elsewhere, ['/home/c/Angebot.pdf']);
    dropOnto(null, ['/home/c/Angebot.pdf']);

    expect(upload).not.toHaveBeenCalled();
    elsewhere.remove();
  });

  it('uploads through the native dialog and shows what the server refused', async () => {
    vi.spyOn(documentsApi, 'list').mockResolvedValue([]);
    const pick = vi.spyOn(documentsApi, 'pickAndUpload').mockResolvedValue({
      uploaded: [],
      failed: [
        {
          path: '/home/c/bild.png',
          fileName: 'bild.png',
          status: 415,
          code: 'document.type_mismatch',
          message: 'x',
          fields: { contentType: 'mismatch' },
        },
      ],
    });
    const { user } = renderCard();
    await screen.findByText('Noch keine Dokumente.');

    await user.click(screen.getByRole('button', { name: 'Hochladen' }));

    expect(pick).toHaveBeenCalledWith('deal', 'deal-1');
    expect(plain((await screen.findByTestId('documents-failure')).textContent)).toContain(
      'bild.png: Der Inhalt der Datei passt nicht zu ihrem Dateityp',
    );
  });

  it('opens a document with one click, and offers to save a program instead', async () => {
    const program = doc({ id: 'd-exe', fileName: 'rechnung.pdf.exe', contentType: 'application/x-msdownload' });
    vi.spyOn(documentsApi, 'list').mockResolvedValue([offer, program]);
    const open = vi
      .spyOn(documentsApi, 'open')
      .mockImplementation((id) =>
        id === 'd-exe'
          ? Promise.reject(new ApiError({ status: 0, code: 'document.open_blocked' }))
          : Promise.resolve('/cache/d-offer/Angebot Müller.pdf'),
      );
    const saveAs = vi.spyOn(documentsApi, 'saveAs').mockResolvedValue('/home/c/rechnung.pdf.exe');
    const { user } = renderCard();

    await user.click(await screen.findByRole('button', { name: '„Angebot Müller.pdf“ öffnen' }));
    expect(open).toHaveBeenCalledWith('d-offer');

    await user.click(screen.getByRole('button', { name: '„rechnung.pdf.exe“ öffnen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Datei wird nicht geöffnet' });
    await user.click(within(dialog).getByRole('button', { name: 'Speichern unter …' }));
    expect(saveAs).toHaveBeenCalledWith('d-exe');
    expect(await screen.findByText('Gespeichert unter /home/c/rechnung.pdf.exe')).toBeInTheDocument();
  });

  it('says when the system has no application for a file, and offers to save it', async () => {
    const data = doc({ id: 'd-raw', fileName: 'Messdaten.unbekannt', contentType: 'application/octet-stream' });
    vi.spyOn(documentsApi, 'list').mockResolvedValue([data]);
    vi.spyOn(documentsApi, 'open').mockRejectedValue(new ApiError({ status: 0, code: 'document.no_application' }));
    const saveAs = vi.spyOn(documentsApi, 'saveAs').mockResolvedValue('/home/c/Messdaten.unbekannt');
    const { user } = renderCard();

    await user.click(await screen.findByRole('button', { name: '„Messdaten.unbekannt“ öffnen' }));
    const dialog = await screen.findByRole('dialog', { name: 'Kein Programm für diesen Dateityp' });
    expect(dialog).toHaveTextContent('kein Programm installiert, das „Messdaten.unbekannt“ öffnen kann');
    await user.click(within(dialog).getByRole('button', { name: 'Speichern unter …' }));
    expect(saveAs).toHaveBeenCalledWith('d-raw');
  });

  it('moves a document to the trash after asking, and undo restores it', async () => {
    const list = vi.spyOn(documentsApi, 'list').mockResolvedValue([offer]);
    const remove = vi.spyOn(documentsApi, 'delete').mockImplementation(() => {
      list.mockResolvedValue([]);
      return Promise.resolve();
    });
    const restore = vi.spyOn(documentsApi, 'restore').mockImplementation(() => {
      list.mockResolvedValue([offer]);
      return Promise.resolve(offer);
    });
    const { user } = renderCard();

    await user.click(await screen.findByRole('button', { name: 'Aktionen für „Angebot Müller.pdf“' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Löschen', hidden: true }));
    const dialog = await screen.findByRole('dialog', { name: 'Dokument löschen?' });
    await user.click(within(dialog).getByRole('button', { name: 'Löschen' }));

    // The row is gone with the reloaded list; the notice (started by the card, not the row) still comes.
    expect(remove).toHaveBeenCalledWith('d-offer', 3);
    const done = await screen.findByTestId('document-deleted-notification');
    expect(done).toHaveTextContent('„Angebot Müller.pdf“ wurde in den Papierkorb verschoben.');
    expect(screen.queryByTestId('document-row')).not.toBeInTheDocument();
    await user.click(within(done).getByRole('button', { name: 'Rückgängig' }));
    expect(restore).toHaveBeenCalledWith('d-offer');
    expect(await screen.findByTestId('document-row')).toHaveAttribute('data-name', 'Angebot Müller.pdf');
    expect(await screen.findByText('„Angebot Müller.pdf“ wurde wiederhergestellt.')).toBeInTheDocument();
  });

  it('offers delete only where the server allows it, and shows its refusal', async () => {
    const foreign = doc({ id: 'd-foreign', fileName: 'Vertrag.docx', canDelete: false });
    vi.spyOn(documentsApi, 'list').mockResolvedValue([foreign, offer]);
    vi.spyOn(documentsApi, 'delete').mockRejectedValue(new ApiError({ status: 403, code: 'access.forbidden' }));
    const { user } = renderCard();

    await user.click(await screen.findByRole('button', { name: 'Aktionen für „Vertrag.docx“' }));
    expect(await screen.findByRole('menuitem', { name: 'Speichern unter …', hidden: true })).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: 'Löschen', hidden: true })).not.toBeInTheDocument();
    await user.keyboard('{Escape}');

    await user.click(screen.getByRole('button', { name: 'Aktionen für „Angebot Müller.pdf“' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Löschen', hidden: true }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Löschen' }));
    expect(await screen.findByText('Dafür fehlt Ihnen die Berechtigung.')).toBeInTheDocument();
  });

  it('lists deleted documents on request and restores one', async () => {
    vi.spyOn(documentsApi, 'list').mockResolvedValue([]);
    const trashed = doc({ id: 'd-old', fileName: 'Alt.pdf', deletedAt: '2026-11-20T08:00:00Z' });
    vi.spyOn(documentsApi, 'listTrashed').mockResolvedValue([trashed]);
    const restore = vi.spyOn(documentsApi, 'restore').mockResolvedValue(trashed);
    const { user } = renderCard();

    await user.click(await screen.findByRole('button', { name: 'Gelöschte Dokumente anzeigen' }));
    const row = await screen.findByTestId('trashed-document');
    expect(row.textContent).toContain('Gelöscht am 20.11.2026');
    await user.click(within(row).getByRole('button', { name: 'Wiederherstellen' }));
    expect(restore).toHaveBeenCalledWith('d-old');
    expect(await screen.findByText('„Alt.pdf“ wurde wiederhergestellt.')).toBeInTheDocument();
  });
});
