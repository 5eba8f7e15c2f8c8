import {
  ACTIONS,
  isAction,
  isRecordType,
  isScope,
  RECORD_TYPES,
  type Action,
  type Grant,
  type RecordType,
  type Scope,
} from '../../api';

/** A role's permissions as a full table: every record type and action has a scope ("none" where not granted). */
export type GrantMatrix = Readonly<Record<RecordType, Readonly<Record<Action, Scope>>>>;

export interface GrantCell {
  recordType: RecordType;
  action: Action;
  scope: Scope;
}

export function emptyMatrix(): GrantMatrix {
  const row = Object.fromEntries(ACTIONS.map((action) => [action, 'none'])) as Record<Action, Scope>;
  return Object.fromEntries(RECORD_TYPES.map((recordType) => [recordType, { ...row }])) as GrantMatrix;
}

/** The table for a role's grants; cells the UI does not know are ignored, missing cells are "none". */
export function matrixFromGrants(grants: readonly Grant[]): GrantMatrix {
  let matrix = emptyMatrix();
  for (const grant of grants) {
    if (isRecordType(grant.recordType) && isAction(grant.action) && isScope(grant.scope)) {
      matrix = withScope(matrix, grant.recordType, grant.action, grant.scope);
    }
  }
  return matrix;
}

/** The grants to send: every cell that grants something, in display order ("none" cells are left out). */
export function grantsFromMatrix(matrix: GrantMatrix): GrantCell[] {
  return RECORD_TYPES.flatMap((recordType) =>
    ACTIONS.flatMap((action) => {
      const scope = matrix[recordType][action];
      return scope === 'none' ? [] : [{ recordType, action, scope }];
    }),
  );
}

export function withScope(matrix: GrantMatrix, recordType: RecordType, action: Action, scope: Scope): GrantMatrix {
  return { ...matrix, [recordType]: { ...matrix[recordType], [action]: scope } };
}

/** Whether a role grants an action on a record type at all (for some records at least). */
export function grants(role: { grants: readonly Grant[] }, recordType: RecordType, action: Action): boolean {
  return role.grants.some(
    (grant) =>
      grant.recordType === recordType && grant.action === action && isScope(grant.scope) && grant.scope !== 'none',
  );
}
