import { describe, expect, it } from 'vitest';
import type { Pipeline } from '../../api';
import { EMPTY_FILTER, emptyListQuery, fromListQuery, toListQuery } from '../records/list/filterState';
import { boardFilter, choosePipeline, filterStatuses, pipelineOptions, stageOptions } from './pipelineFilter';

const pipeline = (id: string, name: string, stages: [string, string][]): Pipeline => ({
  id,
  recordType: 'deal',
  name,
  position: 1,
  // Out of order on purpose: the options follow the stages' positions.
  stages: stages
    .map(([stageId, stageName], index) => ({ id: stageId, name: stageName, probability: 10, position: index + 1 }))
    .reverse(),
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

const sales = pipeline('p1', 'Bestellung auf Rechnung', [
  ['s1', 'Erste Kontaktaufnahme'],
  ['s2', 'Angebot verschickt'],
]);
const projects = pipeline('p2', 'Projekte', [['s3', 'Angebot verschickt']]);
const pipelines = [sales, projects];

describe('pipeline filter', () => {
  it('offers the statuses of the record type', () => {
    expect(filterStatuses('deal')).toEqual(['open', 'won', 'lost']);
    expect(filterStatuses('lead')).toEqual(['open', 'converted', 'lost']);
  });

  it('offers the pipelines, and a deleted one a saved filter still names under its own label', () => {
    expect(pipelineOptions(pipelines, '', 'Gelöschte Pipeline')).toEqual([
      { value: 'p1', label: 'Bestellung auf Rechnung' },
      { value: 'p2', label: 'Projekte' },
    ]);
    expect(pipelineOptions(pipelines, 'gone', 'Gelöschte Pipeline').at(-1)).toEqual({
      value: 'gone',
      label: 'Gelöschte Pipeline',
    });
  });

  it('offers the stages of the chosen pipeline only, in their order', () => {
    expect(stageOptions(pipelines, '', '', 'Entfernte Phase')).toEqual([]);
    expect(stageOptions(pipelines, 'p1', '', 'Entfernte Phase')).toEqual([
      { value: 's1', label: 'Erste Kontaktaufnahme' },
      { value: 's2', label: 'Angebot verschickt' },
    ]);
    expect(stageOptions(pipelines, 'p2', '', 'Entfernte Phase')).toEqual([
      { value: 's3', label: 'Angebot verschickt' },
    ]);
  });

  it('names a stage that is not the chosen pipeline’s by its pipeline, and a removed one as removed', () => {
    expect(stageOptions(pipelines, '', 's3', 'Entfernte Phase')).toEqual([
      { value: 's3', label: 'Projekte › Angebot verschickt' },
    ]);
    expect(stageOptions(pipelines, 'p1', 'gone', 'Entfernte Phase').at(-1)).toEqual({
      value: 'gone',
      label: 'Entfernte Phase',
    });
  });

  it('keeps the stage when the new pipeline has it and drops it otherwise', () => {
    const inSales = { ...EMPTY_FILTER, pipelineId: 'p1', stageId: 's2', status: 'open' };
    expect(choosePipeline(inSales, 'p1', pipelines)).toMatchObject({ pipelineId: 'p1', stageId: 's2', status: 'open' });
    // Same name, other pipeline: another stage, so it goes.
    expect(choosePipeline(inSales, 'p2', pipelines)).toMatchObject({ pipelineId: 'p2', stageId: '', status: 'open' });
    expect(choosePipeline(inSales, '', pipelines)).toMatchObject({ pipelineId: '', stageId: '', status: 'open' });
  });

  it('survives saving and loading a filter, and the board leaves it out', () => {
    const state = { ...EMPTY_FILTER, owner: 'me', pipelineId: 'p1', stageId: 's2', status: 'won' };
    const query = toListQuery(state, []);
    expect(query).toMatchObject({ pipelineId: 'p1', stageId: 's2', status: 'won', owner: 'me' });
    // A saved filter stores the query; loading it gives the panel its state back.
    expect(fromListQuery({ ...query, cursor: '', limit: 0 })).toMatchObject({
      pipelineId: 'p1',
      stageId: 's2',
      status: 'won',
      owner: 'me',
    });
    expect(boardFilter(query)).toEqual({ ...query, pipelineId: '', stageId: '', status: '' });
    expect(boardFilter(emptyListQuery())).toEqual(emptyListQuery());
  });
});
