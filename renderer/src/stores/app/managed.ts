import type { SignInMethod } from '../../../../contract/api';
import type { AppInfo, ManagedSetting } from '../../../../contract/ipc';

/** Returns whether the organisation enforces the setting on this computer. */
export function isEnforced(
  info: AppInfo | null,
  setting: ManagedSetting,
): boolean {
  return info?.managed.enforced.includes(setting) ?? false;
}

/** Returns the sign-in methods that the service offers and the organisation allows here. */
export function allowedSignInMethods(
  methods: SignInMethod[],
  info: AppInfo | null,
): SignInMethod[] {
  if (info?.managed.passwordSignIn !== false) return methods;
  return methods.filter((method) => method !== 'password');
}

/** Returns whether the sign-in page needs a field for the service address. */
export function needsServiceUrl(info: AppInfo | null): boolean {
  return info?.serviceUrl === null && !isEnforced(info, 'serviceUrl');
}
