import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EMPTY_FILTER, parseFilter, serializeFilter, type FilterState } from './filterState';

const FILTER_PARAM = 'filter';
const SAVED_PARAM = 'saved';

interface ListState {
  filter: FilterState;
  savedId: string | null;
}

/**
 * A list's filter state. It lives in the component (inputs answer every keystroke at once) and is mirrored into the
 * address (?filter=...&saved=...), from where it is read when the list opens: going back from a record finds the
 * list as it was, and a reload keeps it.
 */
export function useListState() {
  const [params, setParams] = useSearchParams();
  const [{ filter, savedId }, setState] = useState<ListState>(() => ({
    filter: parseFilter(params.get(FILTER_PARAM)),
    savedId: params.get(SAVED_PARAM),
  }));

  useEffect(() => {
    const text = serializeFilter(filter);
    setParams(
      (previous) => {
        const out = new URLSearchParams(previous);
        if (text === '') out.delete(FILTER_PARAM);
        else out.set(FILTER_PARAM, text);
        if (savedId === null) out.delete(SAVED_PARAM);
        else out.set(SAVED_PARAM, savedId);
        return out;
      },
      { replace: true },
    );
  }, [filter, savedId, setParams]);

  /** A new filter; saved names the saved filter it came from (null: none; absent: unchanged). */
  const update = useCallback((next: FilterState, saved?: string | null) => {
    setState((previous) => ({ filter: next, savedId: saved === undefined ? previous.savedId : saved }));
  }, []);

  const reset = useCallback(() => {
    setState((previous) => ({ filter: { ...EMPTY_FILTER, sort: previous.filter.sort }, savedId: null }));
  }, []);

  return { state: filter, savedId, update, reset };
}
