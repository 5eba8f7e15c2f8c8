import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { parseError, type ChangeTopic } from '../../api';
import { useMe } from '../auth/session';
import { isGone } from './invalidation';
import type { RecordChange } from './store';
import { useRecordChanges } from './hooks';

interface Versioned {
  id: string;
  version: number;
}

/** Someone else changed the record while its form was open; the form offers the two ways on. */
export interface EditConflict {
  /** Who made the latest of those changes; '' for the system. */
  actorId: string;
  /** Fill the form from the record as it is now (what was typed is dropped). */
  reload: () => void;
  /** Keep what was typed and save it over the changed record. */
  keepMine: () => void;
}

export interface EditBase<T> {
  /** The record the form's values came from: a save sends what was changed against it. */
  base: T | undefined;
  /** The version a save is sent against (If-Match). */
  version: number;
  conflict: EditConflict | null;
  /** Tell it why a save failed: after a 412 the next save goes against the record as reloaded. */
  saveFailed: (reason: unknown) => void;
  /**
   * The form edits record from now on, at its version, whatever the stream reported: for a form that stays open (a
   * settings page) after its own save, with the record as saved, or after it refilled itself with nothing typed.
   */
  rebase: (record: T) => void;
}

/**
 * The decision an edit form needs when its record changes while it is open. The form edits the record as it was
 * loaded (base) and sends only the fields changed against it, at the version the user has agreed to overwrite:
 * - changes by the user themself (another window) are accepted silently;
 * - changes by someone else, as the change stream reports them, raise the conflict: Reload refills the form from
 *   the record now, Keep mine keeps the typed values and sends them against the newest version, so that the save
 *   does not fail with 412 and the other's changes to fields not typed in stay;
 * - a change the stream did not report (it was down) is not agreed to: the save fails with 412 and says so, and the
 *   record reloads; a second save, after the user saw that, goes against the reloaded version.
 * record is the record as its page has it now (it reloads on every change: a detail query, or the entry of a list
 * looked up by ID); onReload refills the form. Every topic the store keeps (all but notifications and presence) can
 * raise the conflict: records, activities, notes and the settings (units, roles, users, pipelines, ...).
 */
export function useEditConflict<T extends Versioned>(
  topic: ChangeTopic,
  record: T | undefined,
  onReload: (latest: T) => void = () => undefined,
): EditBase<T> {
  const me = useMe();
  const [base, setBase] = useState(record);
  const [agreed, setAgreed] = useState(record?.version ?? 0);
  const [refused, setRefused] = useState(false); // a save failed with 412: the reloaded version is agreed to
  const changes = useRecordChanges(topic, record?.id ?? '');
  const decided = conflictOf(changes, agreed, me.user.id);
  const { others } = decided;
  const version = refused && record ? Math.max(decided.version, record.version) : decided.version;
  // The notice waits until the page has the changed record, so that Reload has it to show.
  const newestOther = Math.max(0, ...others.map((change) => change.version));
  const conflict =
    record && others.length > 0 && record.version >= newestOther
      ? {
          actorId: others[others.length - 1]?.actorId ?? '',
          reload: () => {
            setBase(record);
            setAgreed(record.version);
            onReload(record);
          },
          keepMine: () => {
            setAgreed(Math.max(record.version, newestOther));
          },
        }
      : null;
  const saveFailed = (reason: unknown) => {
    if (parseError(reason).is('precondition.version_mismatch')) setRefused(true);
  };
  const rebase = (record: T) => {
    setBase(record);
    setAgreed(record.version);
    setRefused(false);
  };
  return { base, version, conflict, saveFailed, rebase };
}

/**
 * useEditConflict for a Mantine form: Reload refills the form with the values of the record as it is now (they
 * become its initial, not dirty values) and clears its errors.
 */
export function useFormEditConflict<T extends Versioned, V extends object>(
  topic: ChangeTopic,
  record: T | undefined,
  form: UseFormReturnType<V>,
  toValues: (record: T) => V,
): EditBase<T> {
  return useEditConflict(topic, record, (latest) => {
    const values = toValues(latest);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
  });
}

/**
 * The changes after the agreed version that someone other than me made, and the version a save can be sent
 * against: the newest when all of them are mine, else the agreed one.
 */
export function conflictOf(
  changes: readonly RecordChange[],
  agreed: number,
  me: string,
): { version: number; others: RecordChange[] } {
  const newer = changes.filter((change) => change.version > agreed && !isGone(change.change));
  const others = newer.filter((change) => change.actorId !== me);
  const version = others.length === 0 ? Math.max(agreed, ...newer.map((change) => change.version)) : agreed;
  return { version, others };
}
