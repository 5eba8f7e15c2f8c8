/** Deals and pipelines for the unit tests of this folder. */
import type { Deal, Pipeline } from '../../api';

const stamp = '2026-11-01T08:00:00Z';

export function deal(overrides: Partial<Deal> = {}): Deal {
  return {
    id: 'd-1',
    title: 'Rahmenvertrag Kopierer',
    value: '12500.00',
    currency: 'EUR',
    ownerId: 'user-claudia',
    ownerName: 'Claudia Becker',
    expectedCloseDate: '',
    personId: '',
    personName: '',
    organizationId: '',
    organizationName: '',
    personHidden: false,
    organizationHidden: false,
    pipelineId: 'pl-1',
    stageId: 'st-1',
    stageName: 'Angebot',
    probability: 40,
    status: 'open',
    lostReasonId: '',
    lostReasonName: '',
    lostComment: '',
    custom: {},
    version: 3,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

export const pipeline: Pipeline = {
  id: 'pl-1',
  recordType: 'deal',
  name: 'Vertrieb',
  position: 1,
  stages: [
    { id: 'st-1', name: 'Angebot', probability: 40, position: 1 },
    { id: 'st-2', name: 'Verhandlung', probability: 70, position: 2 },
  ],
  version: 1,
  createdAt: stamp,
  updatedAt: stamp,
};
