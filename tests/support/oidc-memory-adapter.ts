import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

/**
 * Creates an in-memory adapter for one provider. oidc-provider's own memory
 * adapter shares one store among all providers in a process.
 */
export function createMemoryAdapter(): AdapterFactory {
  const records = new Map<string, StoredRecord>();
  return (model: string) => new MemoryAdapter(model, records);
}

interface StoredRecord {
  model: string;
  payload: AdapterPayload;
  expiresAt: number;
}

class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly records: Map<string, StoredRecord>,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number) {
    const stored =
      this.model === 'RefreshToken' ? withOfflineAccess(payload) : payload;
    this.records.set(this.key(id), {
      model: this.model,
      payload: stored,
      expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity,
    });
  }

  async find(id: string) {
    return this.current(this.key(id))?.payload;
  }

  async findByUid(uid: string) {
    return this.findWhere((payload) => payload.uid === uid);
  }

  async findByUserCode(userCode: string) {
    return this.findWhere((payload) => payload.userCode === userCode);
  }

  async consume(id: string) {
    const record = this.current(this.key(id));
    if (record) record.payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string) {
    this.records.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string) {
    for (const [key, record] of this.records) {
      if (record.payload.grantId === grantId) this.records.delete(key);
    }
  }

  private key(id: string) {
    return `${this.model}:${id}`;
  }

  private current(key: string): StoredRecord | undefined {
    const record = this.records.get(key);
    if (record && record.expiresAt <= Date.now()) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }

  private findWhere(matches: (payload: AdapterPayload) => boolean) {
    for (const [key, record] of this.records) {
      if (record.model !== this.model) continue;
      const current = this.current(key);
      if (current && matches(current.payload)) return current.payload;
    }
    return undefined;
  }
}

/**
 * MSAL sends offline_access with every refresh, and oidc-provider rejects a
 * refresh that requests a scope missing from the refresh token. The token
 * lacks it because oidc-provider 8 drops offline_access from an authorization
 * request without prompt=consent (lib/actions/authorization/check_scope.js).
 */
function withOfflineAccess(payload: AdapterPayload): AdapterPayload {
  const scopes = new Set((payload.scope ?? '').split(' ').filter(Boolean));
  scopes.add('offline_access');
  return { ...payload, scope: [...scopes].join(' ') };
}
