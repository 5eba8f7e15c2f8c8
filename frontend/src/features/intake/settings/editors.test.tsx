import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { adminApi, type CustomField } from '../../../api';
import { renderWithProviders } from '../../../test/render';
import { MappingEditor } from './MappingEditor';
import { RulesEditor } from './RulesEditor';
import { mappingRow, ruleRow, toMapping, toRules, type MappingRowState, type RuleRowState } from './sourceForm';

const fields = [{ id: 'f1', label: 'Branche', archived: false }] as CustomField[];

/** The editors are controlled; the harness keeps their rows and shows the wire lists they make. */
function MappingHarness({ initial }: { initial: MappingRowState[] }) {
  const [rows, setRows] = useState(initial);
  return (
    <>
      <MappingEditor rows={rows} onChange={setRows} customFields={fields} errors={{}} />
      <output data-testid="wire">{JSON.stringify(toMapping(rows))}</output>
    </>
  );
}

function RulesHarness({ initial }: { initial: RuleRowState[] }) {
  const [rows, setRows] = useState(initial);
  return (
    <>
      <RulesEditor rows={rows} onChange={setRows} units={[]} errors={{}} />
      <output data-testid="wire">{JSON.stringify(toRules(rows))}</output>
    </>
  );
}

/** The dropdown a select controls (every row's select keeps its own in the document). */
function listboxOf(combobox: HTMLElement): HTMLElement {
  const listbox = document.getElementById(combobox.getAttribute('aria-controls') ?? '');
  if (listbox === null) throw new Error('the select has no listbox');
  return listbox;
}

const wire = () => JSON.parse(screen.getByTestId('wire').textContent) as unknown;

beforeEach(() => {
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([]);
});

describe('MappingEditor', () => {
  it('adds a row, maps it to a custom field by its label, and removes another', async () => {
    const user = userEvent.setup();
    renderWithProviders(<MappingHarness initial={[mappingRow({ from: 'Firma', to: 'company' })]} />);

    await user.click(screen.getByRole('button', { name: 'Zuordnung hinzufügen' }));
    await user.type(screen.getByRole('textbox', { name: 'Feld der Quelle (Zeile 2)' }), 'Branche');
    const target = screen.getByRole('combobox', { name: 'Lead-Feld (Zeile 2)' });
    await user.click(target);
    await user.click(await within(listboxOf(target)).findByRole('option', { name: 'Branche', hidden: true }));
    expect(wire()).toEqual([
      { from: 'Firma', to: 'company' },
      { from: 'Branche', to: 'custom.f1' },
    ]);

    await user.click(screen.getByRole('button', { name: 'Zuordnung 1 entfernen' }));
    expect(wire()).toEqual([{ from: 'Branche', to: 'custom.f1' }]);
  });

  it('shows the targets translated', async () => {
    const user = userEvent.setup();
    renderWithProviders(<MappingHarness initial={[mappingRow({ from: 'PLZ', to: 'postalCode' })]} />);
    expect(screen.getByRole('combobox', { name: 'Lead-Feld (Zeile 1)' })).toHaveValue('PLZ');
    await user.click(screen.getByRole('combobox', { name: 'Lead-Feld (Zeile 1)' }));
    expect(await screen.findByRole('option', { name: 'Ignorieren', hidden: true })).toBeInTheDocument();
  });
});

describe('RulesEditor', () => {
  const rule = (postalFrom: string, userId: string) =>
    ruleRow({ postalFrom, postalTo: postalFrom, countries: [], userId, unitId: '', userName: '', unitName: '' });

  it('reorders, adds and removes rules, keeping their order on the wire', async () => {
    const user = userEvent.setup();
    renderWithProviders(<RulesHarness initial={[rule('1', 'u1'), rule('2', 'u2')]} />);
    const order = () => (wire() as { postalFrom: string }[]).map((r) => r.postalFrom);

    expect(screen.getByRole('button', { name: 'Regel 1 nach oben' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Regel 2 nach oben' }));
    expect(order()).toEqual(['2', '1']);

    await user.click(screen.getByRole('button', { name: 'Regel hinzufügen' }));
    const rows = screen.getAllByTestId('rule-row');
    expect(rows).toHaveLength(3);
    const third = within(rows[2] ?? document.body);
    await user.type(third.getByRole('textbox', { name: 'PLZ von' }), '80');
    expect(order()).toEqual(['2', '1', '80']);

    await user.click(screen.getByRole('button', { name: 'Regel 1 entfernen' }));
    expect(order()).toEqual(['1', '80']);
  });

  it('assigns a rule to a unit instead of a user', async () => {
    const user = userEvent.setup();
    renderWithProviders(<RulesHarness initial={[rule('2', 'u1')]} />);
    await user.click(screen.getByText('Einheit (reihum)'));
    expect(wire()).toEqual([expect.objectContaining({ userId: '', unitId: '' })]);
  });
});
