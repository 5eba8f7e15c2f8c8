/** Wire types of pipelines, deals and leads (see types.ts for Data<T>). */
import type { api } from '../lib/wailsjs/go/models';
import type { Data } from './types';

export type Stage = Data<api.Stage>;
export type StageInput = Data<api.StageInput>;
export type Pipeline = Data<api.Pipeline>;
export type PipelineCreate = Data<api.PipelineCreate>;
export type PipelinePatch = Data<api.PipelinePatch>;
export type LostReason = Data<api.LostReason>;
export type LostReasonCreate = Data<api.LostReasonCreate>;
export type LostReasonPatch = Data<api.LostReasonPatch>;

export type Deal = Data<api.Deal>;
export type DealCreate = Data<api.DealCreate>;
export type DealPatch = Data<api.DealPatch>;
export type DealPage = Data<api.DealPage>;
export type DealStatus = Deal['status'];

export type Lead = Data<api.Lead>;
export type LeadCreate = Data<api.LeadCreate>;
export type LeadPatch = Data<api.LeadPatch>;
export type LeadPage = Data<api.LeadPage>;
export type LeadStatus = Lead['status'];
export type LeadConvert = Data<api.LeadConvert>;
export type LeadConversion = Data<api.LeadConversion>;
export type LeadMatches = Data<api.LeadMatches>;
export type ConvertMode = Data<api.ConvertTarget>['mode'];

export type BoardQuery = Data<api.BoardQuery>;
export type Board = Data<api.Board>;
export type BoardColumn = Data<api.BoardColumn>;

export type FieldMapping = Data<api.FieldMapping>;

/** The record types that move through pipelines. */
export type PipelineType = 'deal' | 'lead';

/** The statuses of deals and of leads (shared/api/deals.go, leads.go), in Go's order. */
export { DEAL_STATUSES, LEAD_STATUSES } from '../lib/vocabulary';
