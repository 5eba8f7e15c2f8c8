import type { codesDe } from './codes.de';
import type { Shape } from './shape';
import { fieldLabelsEn } from './fields.en';
import { mapsFieldsEn } from './maps.en';
import { importFieldsEn } from './imports.en';
import { documentErrorsEn, documentNetworkErrorsEn } from './documents.en';
import { exportErrorsEn } from './exports.en';
import { opsErrorsEn, opsFieldsEn } from './ops.en';
import { supportErrorsEn, supportFieldsEn } from './support.en';
import { ssoAuthErrorsEn, ssoFieldCodesEn, ssoFieldsEn } from './sso.en';
import { twoFactorFieldsEn } from './twofactor.en';
import { inviteErrorsEn, inviteFieldsEn } from './invite.en';

/** English texts of error codes, field names and field codes the server sends (with the features' own pieces) (assembled in index.ts). */
export const codesEn: Shape<typeof codesDe> = {
  errors: {
    ...documentErrorsEn,
    ...exportErrorsEn,
    ...opsErrorsEn,
    ...supportErrorsEn,
    ...inviteErrorsEn,
    title: 'Error',
    generic: 'An unexpected error occurred.',
    withCode: 'An unexpected error occurred ({{code}}).',
    httpStatus: 'The server answered unexpectedly (HTTP {{status}}). Is the server address correct?',
    requestId: 'Error reference for support: {{requestId}}',
    loadFailed: 'The data could not be loaded.',
    request: {
      malformed_json: 'The request was malformed. Please contact support.',
      unknown_field: 'The request contained an unknown field. Please contact support.',
      body_too_large: 'The data is too large.',
      unsupported_media_type: 'The request had an unsupported format. Please contact support.',
      method_not_allowed: 'The server does not support this action.',
      timeout: 'The server did not answer in time. Please try again.',
      aborted: 'The connection was interrupted before the request was complete. Please try again.',
      rate_limited: 'Too many requests in a short time. Please try again in a moment.',
    },
    intake: {
      source_paused: 'This lead source is paused; its deliveries are refused.',
      signature_invalid: 'The delivery’s signature is missing, wrong or stale.',
    },
    import: {
      file_invalid: 'This file cannot be imported.',
      state: 'The import is not in a state for this (already started, still running or already undone).',
    },
    validation: {
      failed: 'Please check your input.',
    },
    auth: {
      unauthenticated: 'You are no longer signed in. Please sign in again.',
      invalid_credentials: 'E-mail address or password is wrong.',
      throttled: 'Too many sign-in attempts. Please try again later.',
      busy: 'The server is checking a great many sign-ins right now. Please try again in a few seconds.',
      token_invalid: 'Your sign-in is no longer valid. Please sign in again.',
      refresh_token_reused: 'Your sign-in was ended for security reasons. Please sign in again.',
      wrong_password: 'The current password is wrong.',
      ...ssoAuthErrorsEn,
      challenge_invalid: 'The sign-in expired or had too many wrong codes. Please sign in again.',
      two_factor_required: 'Your company requires two-factor sign-in; it cannot be switched off.',
    },
    access: {
      forbidden: 'You are not allowed to do that.',
    },
    resource: {
      not_found: 'The record was not found. It may have been deleted in the meantime.',
      conflict: 'This action is not possible in the record’s current state.',
    },
    precondition: {
      required: 'The change could not be matched to a version. Please reload the data.',
      version_mismatch:
        'The record has been changed by someone else in the meantime. The data has been reloaded – please check your input and save again.',
    },
    idempotency: {
      key_reused: 'The request was already sent with other data. Please try again.',
      in_progress: 'The request is still being processed. Please wait a moment.',
    },
    person: {
      duplicate_email: 'There is already a person with this e-mail address.',
    },
    pipeline: {
      limit_reached:
        'Your plan allows no more pipelines. Please delete a pipeline you no longer need or change your plan.',
    },
    stage: {
      in_use: 'A removed stage still holds records. Please choose where they go.',
    },
    internal: 'An error occurred on the server. Please try again later.',
    service: {
      unavailable: 'The server is temporarily unavailable. Please try again later.',
    },
    storage: {
      unavailable: 'The document storage is temporarily unreachable. Please try again in a few seconds.',
    },
    network: {
      unreachable: 'The server cannot be reached. Please check the server address and your network connection.',
      ...documentNetworkErrorsEn,
    },
    secrets: {
      unavailable: 'Your system’s keyring is not available; the saved sign-in could not be updated.',
    },
    settings: {
      unavailable: 'The settings could not be saved.',
    },
  },
  fieldLabels: { ...fieldLabelsEn, ...supportFieldsEn, ...ssoFieldsEn, ...twoFactorFieldsEn, ...inviteFieldsEn },
  fields: {
    ...opsFieldsEn,
    ...ssoFieldCodesEn,
    required: 'Please fill in this field.',
    invalid: 'This value is invalid.',
    too_long: 'The input is too long.',
    too_short: 'The input is too short.',
    taken: 'This value is already taken.',
    unknown: 'This field is unknown.',
    not_found: 'The chosen entry no longer exists.',
    type: 'This value has the wrong format.',
    in_use: 'The entry is still in use.',
    cycle: 'A unit cannot be moved below itself or one of its sub-units.',
    wrong_password: 'The current password is wrong.',
    wrong_code: 'The code is not right (or was used already).',
    duplicate: 'This value already exists.',
    forbidden: 'You may not choose this.',
    range: 'This value is outside the allowed range.',
    limit: 'The maximum has been reached.',
    common: 'This value is too common and easy to guess.',
    control_character:
      'The input contains characters that are not allowed (control characters, text direction overrides or invalid characters). Please remove them.',
    no_position:
      'No position is known for this entry yet (the address is missing, is still being looked up or was not found).',
    not_geocoded: 'The address has not been looked up on the map yet.',
    quota: 'Your storage is not enough for this.',
    too_large: 'The file is larger than the server accepts.',
    incomplete: 'The transfer was interrupted. Please try again.',
    mismatch: 'The content does not match the declared file type.',
    length_required: 'The size of the file was not known.',
    unreadable: 'The file could not be read.',
    unwritable: 'The file could not be saved.',
    empty: 'The file is empty.',
    no_rows: 'The file has only a header row and no data.',
    ambiguous: 'Several entries match; the value is ambiguous.',
    columns: 'The row has more values than the header has columns.',
    fallback: 'Invalid input ({{code}}).',
    named: '{{field}}: {{text}}',
    part: '{{part}} – {{field}}',
    specific: {
      value: {
        range: 'The value must not be negative.',
      },
      ...mapsFieldsEn,
      ...importFieldsEn,
      email: {
        duplicate: 'An invitation to this address is open already.',
        invalid: 'Please enter a valid e-mail address.',
        taken: 'This e-mail address is already in use.',
      },
      serverUrl: {
        invalid: 'Please enter a complete address, e.g. https://crm.your-company.com.',
      },
      password: {
        too_short: 'The password must be at least 10 characters long.',
        common:
          'This password is one of the most common ones and easy to guess (also with digits or signs added). Please choose another one.',
      },
      newPassword: {
        too_short: 'The password must be at least 10 characters long.',
        common:
          'This password is one of the most common ones and easy to guess (also with digits or signs added). Please choose another one.',
      },
      name: {
        taken: 'This name is already in use.',
      },
      label: {
        taken: 'There is already a field with this label.',
      },
      lastName: {
        required: 'Please enter a name or an e-mail address.',
      },
      emails: {
        duplicate: 'Another person already has this e-mail address.',
        value: {
          invalid: 'Please enter a valid e-mail address, e.g. name@company.com.',
        },
      },
      phones: {
        value: {
          invalid: 'Please enter a valid phone number (digits, spaces and + ( ) / - .).',
        },
      },
      address: {
        country: {
          invalid: 'Please choose a country from the list.',
        },
      },
      ownerId: {
        invalid: 'Please choose an owner from the list.',
        not_found: 'This user no longer exists.',
        forbidden: 'You may not assign records to this user.',
      },
      custom: {
        type: 'This value does not fit the type of the field.',
        unknown: 'This field no longer exists. Please close the form and open it again.',
      },
    },
  },
};
