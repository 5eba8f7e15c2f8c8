/** The organisation form's values, its checks, and the create and patch bodies built from it. */
import type { TFunction } from 'i18next';
import type { CustomField, Organization, OrganizationCreate, OrganizationPatch } from '../../api';
import {
  customChanges,
  customCreateValues,
  customFormValues,
  type CustomFormValues,
  type NumberSeparators,
} from '../records/customValues';
import {
  addressValues,
  customErrorTexts,
  isEmail,
  LIMITS,
  sameAddress,
  tooLong,
  trimAddress,
  type AddressValues,
} from './contactForm';

export interface OrganizationValues {
  name: string;
  address: AddressValues;
  phone: string;
  email: string;
  website: string;
  industry: string;
  ownerId: string;
  custom: CustomFormValues;
}

export function organizationValues(
  organization: Organization | undefined,
  fields: readonly CustomField[],
  defaults: { ownerId: string },
): OrganizationValues {
  return {
    name: organization?.name ?? '',
    address: addressValues(organization?.address),
    phone: organization?.phone ?? '',
    email: organization?.email ?? '',
    website: organization?.website ?? '',
    industry: organization?.industry ?? '',
    ownerId: organization?.ownerId ?? defaults.ownerId,
    custom: customFormValues(fields, organization?.custom),
  };
}

export function organizationCreate(
  values: OrganizationValues,
  fields: readonly CustomField[],
  separators?: NumberSeparators,
): OrganizationCreate {
  return {
    name: values.name.trim(),
    address: trimAddress(values.address),
    phone: values.phone.trim(),
    email: values.email.trim(),
    website: values.website.trim(),
    industry: values.industry.trim(),
    ownerId: values.ownerId,
    custom: customCreateValues(fields, values.custom, separators),
  };
}

export function organizationPatch(
  values: OrganizationValues,
  organization: Organization,
  fields: readonly CustomField[],
  separators?: NumberSeparators,
): OrganizationPatch {
  const text = (key: 'name' | 'phone' | 'email' | 'website' | 'industry') => {
    const value = values[key].trim();
    return value === organization[key] ? {} : { [key]: value };
  };
  const address = trimAddress(values.address);
  const custom = customChanges(fields, values.custom, organization.custom, separators);
  return {
    ...text('name'),
    ...text('phone'),
    ...text('email'),
    ...text('website'),
    ...text('industry'),
    ...(!sameAddress(address, organization.address) && { address }),
    ...(values.ownerId !== organization.ownerId && { ownerId: values.ownerId }),
    ...(Object.keys(custom).length > 0 && { custom }),
  };
}

export function validateOrganization(
  values: OrganizationValues,
  fields: readonly CustomField[],
  t: TFunction,
  { separators }: { separators?: NumberSeparators } = {},
): Record<string, string> {
  const errors: Record<string, string> = {};
  const long = tooLong(
    {
      name: values.name,
      phone: values.phone,
      email: values.email,
      website: values.website,
      industry: values.industry,
      'address.street': values.address.street,
      'address.postalCode': values.address.postalCode,
      'address.city': values.address.city,
    },
    {
      name: LIMITS.organizationName,
      phone: LIMITS.phone,
      email: LIMITS.email,
      website: LIMITS.website,
      industry: LIMITS.industry,
      'address.street': LIMITS.street,
      'address.postalCode': LIMITS.postalCode,
      'address.city': LIMITS.city,
    },
  );
  for (const [path, max] of Object.entries(long)) {
    errors[path] = t('records.validation.tooLong', { max });
  }
  if (values.name.trim() === '') {
    errors.name = t('organizations.validation.nameRequired');
  }
  if (values.email.trim() !== '' && !errors.email && !isEmail(values.email)) {
    errors.email = t('records.validation.email');
  }
  if (values.ownerId === '') {
    errors.ownerId = t('records.validation.ownerRequired');
  }
  Object.assign(errors, customErrorTexts(t, fields, values.custom, separators));
  return errors;
}
