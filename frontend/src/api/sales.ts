import * as Admin from '../lib/wailsjs/go/app/Admin';
import * as Sales from '../lib/wailsjs/go/app/Sales';
import { api } from '../lib/wailsjs/go/models';
import { call } from './errors';
import { withNearAddress } from './maps';
import type {
  Board,
  BoardQuery,
  Deal,
  DealCreate,
  DealPage,
  DealPatch,
  FieldMapping,
  Lead,
  LeadConversion,
  LeadConvert,
  LeadCreate,
  LeadMatches,
  LeadPage,
  LeadPatch,
  LostReason,
  LostReasonCreate,
  LostReasonPatch,
  Pipeline,
  PipelineCreate,
  PipelinePatch,
  PipelineType,
} from './salesTypes';
import type { ListQuery } from './types';

const wire = (recordType: PipelineType): api.RecordType =>
  recordType === 'deal' ? api.RecordType.Deal : api.RecordType.Lead;

/** Deals, leads, their boards and conversion, and the pipelines and lost reasons everyone reads. */
export const salesApi = {
  queryDeals: (query: ListQuery): Promise<DealPage> =>
    withNearAddress(query, () => Sales.QueryDeals(api.ListQuery.createFrom(query))),
  dealBoard: (query: BoardQuery): Promise<Board> =>
    withNearAddress(query.filter, () => Sales.DealBoard(api.BoardQuery.createFrom(query))),
  getDeal: (id: string): Promise<Deal> => call(() => Sales.GetDeal(id)),
  createDeal: (input: DealCreate): Promise<Deal> => call(() => Sales.CreateDeal(api.DealCreate.createFrom(input))),
  updateDeal: (id: string, version: number, patch: DealPatch): Promise<Deal> =>
    call(() => Sales.UpdateDeal(id, version, api.DealPatch.createFrom(patch))),
  deleteDeal: (id: string, version: number): Promise<void> => call(() => Sales.DeleteDeal(id, version)),
  restoreDeal: (id: string): Promise<Deal> => call(() => Sales.RestoreDeal(id)),
  personDeals: (personId: string): Promise<DealPage> => call(() => Sales.PersonDeals(personId)),
  organizationDeals: (organizationId: string): Promise<DealPage> => call(() => Sales.OrganizationDeals(organizationId)),

  queryLeads: (query: ListQuery): Promise<LeadPage> =>
    withNearAddress(query, () => Sales.QueryLeads(api.ListQuery.createFrom(query))),
  leadBoard: (query: BoardQuery): Promise<Board> =>
    withNearAddress(query.filter, () => Sales.LeadBoard(api.BoardQuery.createFrom(query))),
  getLead: (id: string): Promise<Lead> => call(() => Sales.GetLead(id)),
  createLead: (input: LeadCreate): Promise<Lead> => call(() => Sales.CreateLead(api.LeadCreate.createFrom(input))),
  updateLead: (id: string, version: number, patch: LeadPatch): Promise<Lead> =>
    call(() => Sales.UpdateLead(id, version, api.LeadPatch.createFrom(patch))),
  deleteLead: (id: string, version: number): Promise<void> => call(() => Sales.DeleteLead(id, version)),
  restoreLead: (id: string): Promise<Lead> => call(() => Sales.RestoreLead(id)),
  convertLead: (id: string, input: LeadConvert): Promise<LeadConversion> =>
    call(() => Sales.ConvertLead(id, api.LeadConvert.createFrom(input))),
  leadMatches: (id: string): Promise<LeadMatches> => call(() => Sales.LeadMatches(id)),

  listPipelines: async (recordType: PipelineType): Promise<Pipeline[]> =>
    (await call(() => Sales.ListPipelines(wire(recordType)))).items,
  listLostReasons: async (recordType: PipelineType, includeArchived: boolean): Promise<LostReason[]> =>
    (await call(() => Sales.ListLostReasons(wire(recordType), includeArchived))).items,
  leadMapping: async (): Promise<FieldMapping[]> => (await call(() => Sales.LeadMapping())).items,
};

/** What admins change: pipelines, lost reasons and the lead mapping. Changes pass the version they were based on. */
export const salesAdminApi = {
  createPipeline: (input: PipelineCreate): Promise<Pipeline> =>
    call(() => Admin.CreatePipeline(api.PipelineCreate.createFrom(input))),
  updatePipeline: (id: string, version: number, patch: PipelinePatch): Promise<Pipeline> =>
    call(() => Admin.UpdatePipeline(id, version, api.PipelinePatch.createFrom(patch))),
  deletePipeline: (id: string, version: number): Promise<void> => call(() => Admin.DeletePipeline(id, version)),
  createLostReason: (input: LostReasonCreate): Promise<LostReason> =>
    call(() => Admin.CreateLostReason(api.LostReasonCreate.createFrom(input))),
  updateLostReason: (id: string, version: number, patch: LostReasonPatch): Promise<LostReason> =>
    call(() => Admin.UpdateLostReason(id, version, api.LostReasonPatch.createFrom(patch))),
  deleteLostReason: (id: string, version: number): Promise<void> => call(() => Admin.DeleteLostReason(id, version)),
  setLeadMapping: async (items: FieldMapping[]): Promise<FieldMapping[]> =>
    (await call(() => Admin.SetLeadMapping(api.FieldMappingList.createFrom({ items })))).items,
};
