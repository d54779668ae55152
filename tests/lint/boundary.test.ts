import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, '../..') });

/** Lints `code` as if it were the file at `filePath` and returns the rules it breaks. */
async function brokenRules(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((message) => message.ruleId ?? message.message);
}

describe('process boundary lint rule', () => {
  it.each([
    [
      'renderer/src/x.ts',
      "import { createDesktopCore } from '../../main/core';",
    ],
    ['renderer/src/x.ts', "import { readFile } from 'node:fs';"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    [
      'renderer/src/x.ts',
      "import { buildServer } from '../../service/src/server';",
    ],
    ['contract/x.ts', "import { readFile } from 'node:fs';"],
    ['contract/x.ts', "import { app } from 'electron';"],
    ['contract/x.ts', "import { useState } from 'react';"],
    ['contract/x.ts', "import { createLogger } from '../main/logger';"],
    ['main/x.ts', "import { app } from 'electron';"],
    ['main/x.ts', "import { App } from '../renderer/src/App';"],
    ['preload/x.ts', "import { readFile } from 'node:fs';"],
    [
      'service/src/x.ts',
      "import { parseSetupLink } from '../../main/setup-link';",
    ],
  ])('%s rejects %s', async (filePath, code) => {
    expect(await brokenRules(filePath, `${code}\nexport {};\n`)).toContain(
      'no-restricted-imports',
    );
  });

  it.each([
    [
      'renderer/src/x.ts',
      "import { errorCatalog } from '../../contract/errors';",
    ],
    ['main/x.ts', "import { readFile } from 'node:fs';"],
    ['main/electron/x.ts', "import { app } from 'electron';"],
    ['preload/x.ts', "import { contextBridge } from 'electron';"],
    [
      'service/src/x.ts',
      "import { errorCatalog } from '../../contract/errors';",
    ],
  ])('%s allows %s', async (filePath, code) => {
    expect(await brokenRules(filePath, `${code}\nexport {};\n`)).not.toContain(
      'no-restricted-imports',
    );
  });
});
