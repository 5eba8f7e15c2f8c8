import { describe, expect, it } from 'vitest';
import type { CustomField, LeadSource } from '../../../api';
import {
  changeAssigneeKind,
  emptySourceForm,
  fieldKey,
  fromSource,
  mappingRow,
  moveRow,
  removeAt,
  serverSourceErrors,
  ruleRow,
  targetOptions,
  toCreate,
  toPatch,
  toRules,
  validateSource,
} from './sourceForm';

const stamp = { version: 3, createdAt: '2026-12-01T09:00:00Z', updatedAt: '2026-12-01T09:00:00Z' };

const source: LeadSource = {
  id: 's1',
  name: '1leads',
  active: true,
  pipelineId: 'p1',
  stageId: 'st1',
  fallbackOwnerId: 'u1',
  fallbackOwnerName: 'Claudia Becker',
  mapping: [
    { from: 'Firma', to: 'company' },
    { from: 'Branche', to: 'custom.f1' },
  ],
  rules: [
    { postalFrom: '20', postalTo: '29', countries: ['DE'], userId: '', unitId: 'n1', userName: '', unitName: 'Nord' },
    { postalFrom: '', postalTo: '', countries: [], userId: 'u2', unitId: '', userName: 'Jonas', unitName: '' },
  ],
  signed: false,
  rateLimit: 120,
  ...stamp,
};

const valid = () => ({ ...emptySourceForm('p1', '', 'u1'), name: '1leads' });

describe('the lead source form', () => {
  it('reads a source into rows and writes the same lists back', () => {
    const state = fromSource(source);
    expect(state.mapping.map(({ from, to }) => ({ from, to }))).toEqual(source.mapping);
    expect(state.rules.map(({ assigneeKind, assigneeId }) => ({ assigneeKind, assigneeId }))).toEqual([
      { assigneeKind: 'unit', assigneeId: 'n1' },
      { assigneeKind: 'user', assigneeId: 'u2' },
    ]);
    expect(toCreate(state)).toMatchObject({
      name: '1leads',
      mapping: source.mapping,
      rules: [
        { postalFrom: '20', postalTo: '29', countries: ['DE'], userId: '', unitId: 'n1' },
        { postalFrom: '', postalTo: '', countries: [], userId: 'u2', unitId: '' },
      ],
      rateLimit: 120,
    });
  });

  it('takes null lists from Go as empty', () => {
    const state = fromSource({ ...source, mapping: null, rules: null } as unknown as LeadSource);
    expect(state.mapping).toEqual([]);
    expect(state.rules).toEqual([]);
  });

  it('patches only what was changed against the source the form was filled from', () => {
    const state = fromSource(source);
    expect(toPatch(state, source)).toEqual({});
    expect(toPatch({ ...state, name: ' 1leads Portal ', rateLimit: '' }, source)).toEqual({
      name: '1leads Portal',
      rateLimit: 0,
    });
    // A changed rule sends the whole list (the server replaces it), with the names it does not read left empty.
    const rules = state.rules.map((rule, index) => (index === 0 ? { ...rule, postalTo: '25' } : rule));
    expect(toPatch({ ...state, rules }, source)).toEqual({
      rules: [
        { postalFrom: '20', postalTo: '25', countries: ['DE'], userId: '', unitId: 'n1', userName: '', unitName: '' },
        { postalFrom: '', postalTo: '', countries: [], userId: 'u2', unitId: '', userName: '', unitName: '' },
      ],
    });
  });

  it('sends an empty rate limit as 0, the server default', () => {
    expect(toCreate(valid()).rateLimit).toBe(0);
  });

  it('asks for name, pipeline and fallback owner', () => {
    expect(validateSource(emptySourceForm())).toEqual({
      name: 'required',
      pipelineId: 'required',
      fallbackOwnerId: 'required',
    });
    expect(validateSource(valid())).toEqual({});
  });

  it('refuses empty mapping rows and a source field mapped twice in another spelling', () => {
    const state = {
      ...valid(),
      mapping: [
        { ...mappingRow(), from: 'E-Mail', to: 'email' },
        { ...mappingRow(), from: ' ', to: '' },
        { ...mappingRow(), from: 'e_mail', to: 'detail' },
      ],
    };
    expect(validateSource(state)).toEqual({
      'mapping.1.from': 'required',
      'mapping.1.to': 'required',
      'mapping.2.from': 'duplicate',
    });
  });

  it('compares source field names as the server does', () => {
    expect(fieldKey('Straße')).toBe(fieldKey('strasse'));
    expect(fieldKey('Post leit-Zahl')).toBe('postleitzahl');
    expect(fieldKey('Größe')).toBe('groesse');
  });

  it('needs an assignee per rule and digit postal bounds of one length', () => {
    const state = {
      ...valid(),
      rules: [
        { ...ruleRow(), postalFrom: '20', postalTo: '299', assigneeId: 'u1' },
        { ...ruleRow(), postalFrom: '8x' },
        { ...ruleRow(), postalFrom: '80000', postalTo: '89999', assigneeId: 'u1' },
      ],
    };
    expect(validateSource(state)).toEqual({
      'rules.0.postalFrom': 'postal',
      'rules.1.postalFrom': 'postal',
      'rules.1.assigneeId': 'required',
    });
  });

  it('refuses a postal range that runs backwards', () => {
    const state = { ...valid(), rules: [{ ...ruleRow(), postalFrom: '29', postalTo: '20', assigneeId: 'u1' }] };
    expect(validateSource(state)).toEqual({ 'rules.0.postalFrom': 'postal' });
  });

  it("puts the server's field errors where the form shows them", () => {
    expect(
      serverSourceErrors({
        name: 'taken',
        'mapping[2].to': 'unknown',
        'rules[1].userId': 'required',
        'rules[0].unitId': 'invalid',
        'rules[3].postalTo': 'invalid',
      }),
    ).toEqual({
      name: 'taken',
      'mapping.2.to': 'unknown',
      'rules.1.assigneeId': 'required',
      'rules.0.assigneeId': 'invalid',
      'rules.3.postalTo': 'invalid',
    });
  });

  it('makes a single postal bound a one-area range', () => {
    const [rule] = toRules([{ ...ruleRow(), postalFrom: '', postalTo: '8', assigneeId: 'u1' }]);
    expect(rule).toMatchObject({ postalFrom: '8', postalTo: '8', userId: 'u1', unitId: '' });
  });

  it('clears the assignee when a rule switches between user and unit', () => {
    const rule = { ...ruleRow(), assigneeId: 'u1' };
    expect(changeAssigneeKind(rule, 'unit')).toMatchObject({ assigneeKind: 'unit', assigneeId: '' });
    expect(changeAssigneeKind(rule, 'user')).toBe(rule);
  });

  it('moves rules up and down and stops at the ends', () => {
    const rows = ['a', 'b', 'c'];
    expect(moveRow(rows, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRow(rows, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveRow(rows, 0, -1)).toEqual(rows);
    expect(moveRow(rows, 2, 1)).toEqual(rows);
    expect(removeAt(rows, 1)).toEqual(['a', 'c']);
  });

  it('offers the standard targets and the active lead custom fields as custom.<id>', () => {
    const fields = [
      { id: 'f1', label: 'Branche', archived: false },
      { id: 'f2', label: 'Alt', archived: true },
    ] as CustomField[];
    const options = targetOptions(fields, (target) => target.toUpperCase(), { standard: 'Lead', custom: 'Eigene' });
    expect(options[0]?.items[0]).toEqual({ value: 'title', label: 'TITLE' });
    expect(options[0]?.items.map((item) => item.value)).toContain('ignore');
    expect(options[1]).toEqual({ group: 'Eigene', items: [{ value: 'custom.f1', label: 'Branche' }] });
  });
});
