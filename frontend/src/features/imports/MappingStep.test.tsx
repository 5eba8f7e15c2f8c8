import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors';
import { renderWithProviders } from '../../test/render';
import { initialChoices, NO_ERRORS, settingsErrors, type ColumnChoice, type SettingsErrors } from './mapping';
import { MappingStep } from './MappingStep';
import { analysis } from './testData';

/** The step with its choices kept as the wizard keeps them. */
function Harness({ errors = NO_ERRORS, start }: { errors?: SettingsErrors; start?: ColumnChoice[] }) {
  const [choices, setChoices] = useState(start ?? initialChoices(analysis));
  return <MappingStep analysis={analysis} choices={choices} onChange={setChoices} errors={errors} />;
}

const row = (header: string) => {
  const found = screen.getAllByTestId('import-mapping-row').find((element) => element.dataset.column === header);
  if (!found) throw new Error(`no row for column ${header}`);
  return found;
};
/** The select's input (Mantine labels its option list alike). */
function inputLabelled(label: string, container: HTMLElement = document.body): HTMLInputElement {
  const input = within(container)
    .getAllByLabelText(label)
    .find((element): element is HTMLInputElement => element instanceof HTMLInputElement);
  if (!input) throw new Error(`no input labelled ${label}`);
  return input;
}
const targetOf = (header: string) => inputLabelled(`Feld für Spalte „${header}“`);

/** Opens a select and picks an option of its own list. */
async function pick(user: ReturnType<typeof userEvent.setup>, input: HTMLInputElement, option: string) {
  await user.click(input);
  const list = document.getElementById(input.getAttribute('aria-controls') ?? '');
  if (!list) throw new Error('the select has no option list');
  await user.click(within(list).getByRole('option', { name: option, hidden: true }));
}

describe('MappingStep', () => {
  it('shows each column with its header and samples, the matched field preselected, the others not imported', () => {
    renderWithProviders(<Harness />);

    expect(within(row('Name')).getByTestId('import-column-samples')).toHaveTextContent('Müller · Schulz');
    expect(targetOf('Name').value).toBe('Nachname');
    expect(targetOf('Vorname').value).toBe('Vorname');
    expect(targetOf('E-Mail').value).toBe('E-Mail-Adresse');
    expect(targetOf('Umsatz').value).toBe('Umsatz');
    expect(targetOf('E-Mail privat').value).toBe('nicht importieren');
    // A column without a header is named by its place.
    expect(targetOf('Spalte 7').value).toBe('nicht importieren');
    // The custom number field asks for the number format, preset to the detected one.
    const revenue = within(row('Umsatz'));
    expect(inputLabelled('Zahlenformat für Spalte „Umsatz“', row('Umsatz')).value).toBe('deutsch: 1.234,56');
    expect(revenue.getByText('erkannt: deutsch: 1.234,56')).toBeInTheDocument();
    // A column with dates not mapped to a date field shows what was detected.
    expect(within(row('Kunde seit')).getByText('erkannt: TT.MM.JJJJ')).toBeInTheDocument();
    expect(screen.queryByText(/Jedes Feld nimmt nur eine Spalte auf/)).not.toBeInTheDocument();
  });

  it('marks both columns at once when two are mapped to one field', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);

    await pick(user, targetOf('E-Mail privat'), 'E-Mail-Adresse');

    expect(targetOf('E-Mail privat').value).toBe('E-Mail-Adresse');
    expect(within(row('E-Mail')).getByText(/auch der Spalte „E-Mail privat“ zugeordnet/)).toBeInTheDocument();
    expect(within(row('E-Mail privat')).getByText(/auch der Spalte „E-Mail“ zugeordnet/)).toBeInTheDocument();
    expect(targetOf('E-Mail')).toHaveAttribute('aria-invalid', 'true');
  });

  it('asks for the date format when a date column is mapped to a date field, preset to the detected one', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness />);

    await pick(user, targetOf('Kunde seit'), 'Kunde seit');

    expect(inputLabelled('Datumsformat für Spalte „Kunde seit“', row('Kunde seit')).value).toBe('TT.MM.JJJJ');
  });

  it('puts the server’s field codes next to their columns and names the fields that must be mapped', () => {
    const choices = initialChoices(analysis);
    const error = new ApiError({
      status: 422,
      code: 'validation.failed',
      fields: {
        'columns[4].number': 'required',
        'columns[1].target': 'unknown',
        lastName: 'required',
        'custom.f-number': 'required',
      },
    });
    renderWithProviders(<Harness errors={settingsErrors(error, choices)} start={choices} />);

    expect(within(row('Umsatz')).getByText('Bitte wählen Sie das Zahlenformat.')).toBeInTheDocument();
    expect(
      within(row('Vorname')).getByText('Dieses Feld gibt es nicht mehr. Bitte wählen Sie ein anderes.'),
    ).toBeInTheDocument();
    const missing = screen.getByTestId('import-mapping-missing');
    expect(missing).toHaveTextContent(
      'Ordnen Sie Nachname, Vorname, den ganzen Namen oder die E-Mail-Adresse einer Spalte zu.',
    );
    expect(missing).toHaveTextContent('Das Pflichtfeld „Kundennummer“ ist keiner Spalte zugeordnet.');
    // Never a raw code.
    expect(document.body.textContent).not.toMatch(/columns\[|required|unknown/);
  });
});
