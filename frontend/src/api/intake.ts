import * as Admin from '../lib/wailsjs/go/app/Admin';
import * as Sales from '../lib/wailsjs/go/app/Sales';
import { api } from '../lib/wailsjs/go/models';
import { call } from './errors';
import type {
  LeadDelivery,
  LeadSource,
  LeadSourceCreate,
  LeadSourceKey,
  LeadSourceKeyCreated,
  LeadSourcePatch,
  LeadSourcePreview,
  SigningSecret,
} from './intakeTypes';

/** Lead sources: everyone lists them (the lead filter); the rest is the admin's. */
export const intakeApi = {
  listSources: async (): Promise<LeadSource[]> => (await call(() => Sales.ListLeadSources())).items,

  getSource: (id: string): Promise<LeadSource> => call(() => Admin.GetLeadSource(id)),
  createSource: (input: LeadSourceCreate): Promise<LeadSource> =>
    call(() => Admin.CreateLeadSource(api.LeadSourceCreate.createFrom(input))),
  updateSource: (id: string, version: number, patch: LeadSourcePatch): Promise<LeadSource> =>
    call(() => Admin.UpdateLeadSource(id, version, api.LeadSourcePatch.createFrom(patch))),
  deleteSource: (id: string, version: number): Promise<void> => call(() => Admin.DeleteLeadSource(id, version)),

  listKeys: async (sourceId: string): Promise<LeadSourceKey[]> =>
    (await call(() => Admin.ListLeadSourceKeys(sourceId))).items,
  /** The answer carries the key's secret, which is never shown again. */
  createKey: (sourceId: string): Promise<LeadSourceKeyCreated> => call(() => Admin.CreateLeadSourceKey(sourceId)),
  revokeKey: (sourceId: string, keyId: string): Promise<void> => call(() => Admin.RevokeLeadSourceKey(sourceId, keyId)),

  /** A new signing secret (shown once); the source then requires signed deliveries. */
  rotateSigningSecret: (sourceId: string): Promise<SigningSecret> =>
    call(() => Admin.RotateLeadSourceSigningSecret(sourceId)),
  disableSigning: (sourceId: string): Promise<void> => call(() => Admin.DisableLeadSourceSigning(sourceId)),

  preview: (sourceId: string, payload: string): Promise<LeadSourcePreview> =>
    call(() => Admin.PreviewLeadSource(sourceId, api.LeadSourcePreviewRequest.createFrom({ payload }))),
  deliveries: async (sourceId: string): Promise<LeadDelivery[]> =>
    (await call(() => Admin.LeadSourceDeliveries(sourceId))).items,
};
