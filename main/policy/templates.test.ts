import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { updatedDocs } from '../../scripts/generate-policy-templates';
import { renderTemplates, templateLanguages, templateName } from './admx';
import { policyNames } from './definitions';

const root = path.resolve(import.meta.dirname, '../..');
const templatesDir = path.join(root, 'resources', 'policy');
const regenerate =
  'run `npx tsx scripts/generate-policy-templates.ts` and commit the result';

/** Returns the well-formedness errors of an XML document, with namespaces checked. */
function xmlErrors(text: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (error) => errors.push(error.message));
  parser.write(text).close();
  return errors;
}

/** Values of an attribute or of `$(kind.id)` references in a document. */
function matches(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1]!);
}

describe('Group Policy templates', () => {
  it.each([...renderTemplates()])('%s is up to date', async (file, text) => {
    const committed = await readFile(path.join(templatesDir, file), 'utf8');

    expect(committed, `${file} is out of date; ${regenerate}`).toBe(text);
  });

  it.each([...renderTemplates().keys()])(
    '%s is well-formed XML',
    async (file) => {
      const committed = await readFile(path.join(templatesDir, file), 'utf8');

      expect(xmlErrors(committed)).toEqual([]);
    },
  );

  it('detects malformed XML', () => {
    expect(xmlErrors('<a><b></a>')).not.toEqual([]);
    expect(xmlErrors('<a x="1" x="2"/>')).not.toEqual([]);
    expect(xmlErrors('<a>AT&T</a>')).not.toEqual([]);
  });

  it('defines every string and presentation the ADMX uses', () => {
    const templates = renderTemplates();
    const admx = templates.get(`${templateName}.admx`)!;
    const strings = new Set(matches(admx, /\$\(string\.([^)]+)\)/g));
    const presentations = new Set(
      matches(admx, /\$\(presentation\.([^)]+)\)/g),
    );

    for (const language of templateLanguages) {
      const adml = templates.get(`${language}/${templateName}.adml`)!;
      const stringIds = new Set(matches(adml, /<string id="([^"]+)"/g));
      const presentationIds = new Set(
        matches(adml, /<presentation id="([^"]+)"/g),
      );

      expect([...strings].filter((id) => !stringIds.has(id))).toEqual([]);
      expect(
        [...presentations].filter((id) => !presentationIds.has(id)),
      ).toEqual([]);
    }
  });

  it('has an enforced policy for every setting', () => {
    const admx = renderTemplates().get(`${templateName}.admx`)!;
    const policies = matches(admx, /<policy name="([^"]+)"/g);

    expect(policies.filter((name) => !name.endsWith('_recommended'))).toEqual(
      policyNames,
    );
    expect(policies).toContain('ServiceUrl_recommended');
    expect(policies).not.toContain('PasswordSignIn_recommended');
  });
});

describe('settings reference', () => {
  it('is up to date in docs/it-deployment.md', async () => {
    const docs = await readFile(
      path.join(root, 'docs', 'it-deployment.md'),
      'utf8',
    );

    expect(docs, `the settings reference is out of date; ${regenerate}`).toBe(
      await updatedDocs(docs),
    );
  });
});
