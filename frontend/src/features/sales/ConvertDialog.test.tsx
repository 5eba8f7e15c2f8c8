import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { recordsApi, salesApi, type CustomField, type FieldMapping, type Lead, type RecordType } from '../../api';
import { renderWithProviders } from '../../test/render';
import { customField } from '../../test/customFields';
import { ConvertDialog } from './ConvertDialog';
import { pipeline } from './testData';

const KDNR = '3fa85f64-5717-4562-b3fc-2c963f66afa6';
const kundennummer = customField({
  id: KDNR,
  label: 'Kundennummer',
  kind: 'text',
  required: true,
  recordType: 'organization',
});
const region = customField({ id: 'd-region', label: 'Region', kind: 'text', required: true, recordType: 'deal' });
const optional = customField({ id: 'o-note', label: 'Bemerkung', kind: 'text', recordType: 'organization' });

const lead: Lead = {
  id: 'l-1',
  title: 'Kopierer für die Zentrale',
  personName: 'Eva Roth',
  company: 'Roth KG',
  email: 'eva@roth.example',
  phone: '',
  address: { street: '', postalCode: '', city: '', country: 'DE' },
  source: 'Messe',
  ownerId: 'user-claudia',
  ownerName: 'Claudia Becker',
  pipelineId: 'lp-1',
  stageId: 'ls-1',
  stageName: 'Neu',
  status: 'open',
  lostReasonId: '',
  lostReasonName: '',
  lostComment: '',
  convertedAt: '',
  convertedPersonId: '',
  convertedOrganizationId: '',
  convertedDealId: '',
  custom: { 'l-kdnr': 'K-77' },
  version: 1,
  createdAt: '2026-11-01T08:00:00Z',
  updatedAt: '2026-11-01T08:00:00Z',
  position: null,
  sourceId: '',
  externalId: '',
  details: [],
  possibleDuplicate: false,
} as unknown as Lead;

function setup(mapping: FieldMapping[], fields: Partial<Record<RecordType, CustomField[]>> = {}) {
  vi.spyOn(recordsApi, 'listCustomFields').mockImplementation((recordType) =>
    Promise.resolve(fields[recordType] ?? []),
  );
  vi.spyOn(salesApi, 'leadMapping').mockResolvedValue(mapping);
  vi.spyOn(salesApi, 'listPipelines').mockResolvedValue([pipeline]);
  vi.spyOn(salesApi, 'leadMatches').mockResolvedValue({ persons: [], organizations: [] });
  const convert = vi.spyOn(salesApi, 'convertLead');
  const user = userEvent.setup();
  renderWithProviders(<ConvertDialog lead={lead} opened onClose={vi.fn()} />);
  return { user, convert };
}

const mapped: FieldMapping[] = [
  { leadField: 'company', target: 'organization', targetField: 'name' },
  { leadField: `custom.l-kdnr`, target: 'organization', targetField: `custom.${KDNR}` },
];

beforeEach(() => {
  vi.restoreAllMocks();
});

describe('ConvertDialog with required custom fields', () => {
  it("asks for the new organisation's required field, prefilled from the mapping, and sends it", async () => {
    const { user, convert } = setup(mapped, { organization: [kundennummer, optional] });
    convert.mockResolvedValue({ lead, personId: 'p-1', organizationId: 'o-1', dealId: '' });
    const input = await screen.findByRole('textbox', { name: /Kundennummer/ });
    expect(input).toHaveValue('K-77');
    expect(screen.queryByRole('textbox', { name: /Bemerkung/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Konvertieren' }));
    await waitFor(() => {
      expect(convert).toHaveBeenCalledTimes(1);
    });
    expect(convert.mock.calls[0]?.[1].organization).toEqual({
      mode: 'create',
      existingId: '',
      custom: { [KDNR]: 'K-77' },
    });
  });

  it('checks the required fields before sending, as the record forms do', async () => {
    const { user, convert } = setup([], { organization: [kundennummer], deal: [region] });
    await user.click(await screen.findByRole('checkbox', { name: 'Deal anlegen' }));
    // The only deal pipeline is preselected with its first stage.
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByRole('combobox', { name: /^Pipeline/ })).toHaveValue('Vertrieb');
    expect(within(dialog).getByRole('combobox', { name: /^Phase/ })).toHaveValue('Angebot');
    await user.click(screen.getByRole('button', { name: 'Konvertieren' }));
    expect(await screen.findAllByText('Bitte füllen Sie dieses Feld aus.')).toHaveLength(2);
    expect(convert).not.toHaveBeenCalled();

    await user.type(screen.getByRole('textbox', { name: /Kundennummer/ }), 'K-1');
    await user.type(screen.getByRole('textbox', { name: /Region/ }), 'Nord');
    convert.mockResolvedValue({ lead, personId: 'p-1', organizationId: 'o-1', dealId: 'd-1' });
    await user.click(screen.getByRole('button', { name: 'Konvertieren' }));
    await waitFor(() => {
      expect(convert).toHaveBeenCalledTimes(1);
    });
    const sent = convert.mock.calls[0]?.[1];
    expect(sent?.deal).toMatchObject({ pipelineId: 'pl-1', stageId: 'st-1', custom: { 'd-region': 'Nord' } });
    expect(sent?.organization.custom).toEqual({ [KDNR]: 'K-1' });
  });

  it('puts a server error of a custom field next to it and names the others by their labels, never by key or ID', async () => {
    const { user, convert } = setup(mapped, { organization: [kundennummer] });
    convert.mockRejectedValue(
      JSON.stringify({
        status: 422,
        code: 'validation.failed',
        fields: { [`organization.custom.${KDNR}`]: 'too_long', 'person.emails[0].value': 'invalid' },
      }),
    );
    await screen.findByRole('textbox', { name: /Kundennummer/ });
    await user.click(screen.getByRole('button', { name: 'Konvertieren' }));
    const input = screen.getByRole('textbox', { name: /Kundennummer/ });
    await waitFor(() => {
      expect(input).toHaveAttribute('aria-invalid', 'true');
    });
    expect(screen.getByText('Die Eingabe ist zu lang.')).toBeInTheDocument();
    const alert = screen.getByTestId('convert-errors');
    expect(alert).toHaveTextContent(
      'Person – E-Mail-Adresse: Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.',
    );
    expect(document.body.textContent).not.toContain(KDNR);
    expect(alert.textContent).not.toMatch(/person\.|emails\[/);
  });
});
