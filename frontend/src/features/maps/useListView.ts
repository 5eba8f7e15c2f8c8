import { useSearchParams } from 'react-router';

export type ListView = 'list' | 'map';

const VIEW_PARAM = 'view';

/** The list or map view of a list page, kept in the address (?view=map) like its filters. */
export function useListView(): [ListView, (view: ListView) => void] {
  const [params, setParams] = useSearchParams();
  const view: ListView = params.get(VIEW_PARAM) === 'map' ? 'map' : 'list';
  const setView = (next: ListView) => {
    setParams(
      (previous) => {
        const out = new URLSearchParams(previous);
        if (next === 'list') out.delete(VIEW_PARAM);
        else out.set(VIEW_PARAM, next);
        return out;
      },
      { replace: true },
    );
  };
  return [view, setView];
}
