import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import {
  DirectoryPage,
  ErrorBody,
  InvitationInfo,
  PasswordResetInfo,
  PasswordResetStarted,
  ServiceInfo,
  SessionGrant,
  SignInDiscovery,
  UserProfile,
} from '../contract/api';

/** RFC 3339 date-time, as the service writes it with `toISOString()`. */
const dateTimePattern =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

// TypeBox has no formats until they are registered, and a compiled check of
// an unregistered format fails every value.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set(
    'date-time',
    (value) => dateTimePattern.test(value) && !Number.isNaN(Date.parse(value)),
  );
}

function compile<T extends TSchema>(schema: T): TypeCheck<T> {
  return TypeCompiler.Compile(schema);
}

/** Checks of the service's response bodies, compiled once. */
export const responseChecks = {
  errorBody: compile(ErrorBody),
  serviceInfo: compile(ServiceInfo),
  invitationInfo: compile(InvitationInfo),
  sessionGrant: compile(SessionGrant),
  userProfile: compile(UserProfile),
  directoryPage: compile(DirectoryPage),
  signInDiscovery: compile(SignInDiscovery),
  passwordResetStarted: compile(PasswordResetStarted),
  passwordResetInfo: compile(PasswordResetInfo),
};
