import { useMutation } from '@tanstack/react-query';
import { sessionApi, type PasswordChange } from '../../api';

export function useChangePassword() {
  return useMutation({ mutationFn: (input: PasswordChange) => sessionApi.changePassword(input) });
}
