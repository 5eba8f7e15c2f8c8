import type { TFunction } from 'i18next';
import type { StorageUsage, UploadFailure } from '../../api';
import { errorText } from '../../i18n/errorText';
import { occupiedBytes } from './storageUsage';

/**
 * Why a file was not uploaded, translated. A refusal for the quota says how much of the user's storage is taken,
 * when the usage is known; everything else reads as the error code's text.
 */
export function uploadFailureText(
  t: TFunction,
  failure: UploadFailure,
  usage: StorageUsage | undefined,
  bytes: (bytes: number) => string,
): string {
  if (failure.code === 'quota.exceeded' && usage) {
    return t('documents.quotaUsage', { used: bytes(occupiedBytes(usage)), limit: bytes(usage.limitBytes) });
  }
  return errorText(t, failure);
}
