import { SimpleGrid } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { CustomField } from '../../api';
import { CustomFieldInput } from './CustomFieldInput';
import { customPath, type CustomFormValues } from './customValues';

/** The inputs of a record type's custom fields, in their order, bound to form.values.custom; two a row unless narrow. */
export function CustomFieldInputs<Values extends { custom: CustomFormValues }>({
  fields,
  form,
  narrow = false,
}: {
  fields: readonly CustomField[];
  form: UseFormReturnType<Values>;
  /** One a row, for a narrow column (a part of the conversion dialog). */
  narrow?: boolean;
}) {
  if (fields.length === 0) {
    return null;
  }
  return (
    <SimpleGrid cols={narrow ? 1 : { base: 1, sm: 2 }} data-testid="custom-field-inputs">
      {fields.map((field) => {
        const props = form.getInputProps(customPath(field.id));
        return (
          <CustomFieldInput
            key={field.id}
            field={field}
            value={form.getValues().custom[field.id] ?? ''}
            onChange={props.onChange as (value: string | number) => void}
            onFocus={props.onFocus as () => void}
            onBlur={props.onBlur as () => void}
            error={props.error as React.ReactNode}
          />
        );
      })}
    </SimpleGrid>
  );
}
