import type { ChangeEvent, ChangeKind, ChangeTopic, LiveState, LiveStatus } from '../../api';

/** One change of a record as the edit form and the detail page need it. */
export interface RecordChange {
  version: number;
  /** The user who made it; '' for the system. */
  actorId: string;
  change: ChangeKind;
}

/** How many changes are kept per record, and of how many records (the oldest record is forgotten first). */
const PER_RECORD = 20;
const RECORDS = 500;

const NO_CHANGES: readonly RecordChange[] = [];

/**
 * The topics whose changes are kept per record: everything an edit form can be open on. Notifications and presence
 * are no one's form, and they come often.
 */
const UNKEPT_TOPICS: ReadonlySet<ChangeTopic> = new Set<ChangeTopic>(['notification', 'presence']);

/**
 * What the UI keeps of the change stream while signed in: the stream's state, and the latest changes of each record
 * (an edit form tells from them who changed its record meanwhile; a detail page that its record is gone). The
 * snapshots are immutable, so that useSyncExternalStore sees a change as a new value.
 */
export class LiveStore {
  private state: LiveState = { status: 'reconnecting' };
  private records = new Map<string, readonly RecordChange[]>();
  private listeners = new Set<() => void>();
  /** Whether the state came from live:status, which is newer than any answer to the first question. */
  private statusHeard = false;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): LiveState => this.state;

  /** The changes of a record kept (none of UNKEPT_TOPICS). */
  changesOf(topic: ChangeTopic, id: string): readonly RecordChange[] {
    return this.records.get(`${topic}:${id}`) ?? NO_CHANGES;
  }

  /** The desktop's answer to the first question (Session.Live); dropped when live:status was heard meanwhile. */
  initial(state: LiveState): void {
    if (this.statusHeard) return;
    this.state = state;
    this.notify();
  }

  setStatus(status: LiveStatus): void {
    this.statusHeard = true;
    if (status === this.state.status) return;
    this.state = { ...this.state, status };
    this.notify();
  }

  add(changes: readonly ChangeEvent[]): void {
    if (changes.length === 0) return;
    for (const change of changes) {
      if (UNKEPT_TOPICS.has(change.topic) || !change.recordId) continue;
      const key = `${change.topic}:${change.recordId}`;
      const kept = this.records.get(key) ?? NO_CHANGES;
      this.records.delete(key); // re-inserted last: the map's order is the order of use
      this.records.set(key, [
        ...kept.slice(-(PER_RECORD - 1)),
        { version: change.version ?? 0, actorId: change.actorId ?? '', change: change.change },
      ]);
      if (this.records.size > RECORDS) {
        const oldest = this.records.keys().next();
        if (!oldest.done) this.records.delete(oldest.value);
      }
    }
    this.state = { ...this.state, lastChange: changes[changes.length - 1] };
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
