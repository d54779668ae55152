/** True for a unique-constraint error from better-sqlite3 or pg. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;

  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
