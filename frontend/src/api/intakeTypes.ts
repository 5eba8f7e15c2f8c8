/** Wire types of lead sources, their keys, deliveries and previews (issue 13). */
import { DUPLICATE_REASONS, INTAKE_ITEM_STATUSES, INTAKE_TARGETS } from '../lib/vocabulary';
import type { api } from '../lib/wailsjs/go/models';
import type { Data } from './types';

export type LeadSource = Data<api.LeadSource>;
export type LeadSourceCreate = Data<api.LeadSourceCreate>;
export type LeadSourcePatch = Data<api.LeadSourcePatch>;
export type SourceFieldMapping = Data<api.SourceFieldMapping>;
export type AssignmentRule = Data<api.AssignmentRule>;
export type LeadSourceKey = Data<api.LeadSourceKey>;
export type LeadSourceKeyCreated = Data<api.LeadSourceKeyCreated>;
export type SigningSecret = Data<api.SigningSecret>;
export type LeadDelivery = Data<api.LeadDelivery>;
export type IntakeItemResult = Data<api.IntakeItemResult>;
export type LeadSourcePreview = Data<api.LeadSourcePreview>;
export type LeadPreviewItem = Data<api.LeadPreviewItem>;
export type LeadDetail = Data<api.LeadDetail>;
export type LeadDuplicate = Data<api.LeadDuplicate>;

/** The standard lead fields a source's field can fill; a lead custom field is "custom.<fieldId>". */
export type IntakeTarget = `${api.IntakeTarget}`;
export type IntakeItemStatus = `${api.IntakeItemStatus}`;
export type DuplicateReason = `${api.DuplicateReason}`;

export { DUPLICATE_REASONS, INTAKE_ITEM_STATUSES, INTAKE_TARGETS };

export const isIntakeTarget = (value: string): value is IntakeTarget =>
  (INTAKE_TARGETS as readonly string[]).includes(value);
export const isDuplicateReason = (value: string): value is DuplicateReason =>
  (DUPLICATE_REASONS as readonly string[]).includes(value);
