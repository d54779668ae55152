// Writes the Group Policy templates in resources/policy and the settings
// reference in docs/it-deployment.md from the policy definitions in
// main/policy/definitions.ts. Run it after changing a definition:
//
//   npx tsx scripts/generate-policy-templates.ts
//
// main/policy/templates.test.ts fails while the committed files differ.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { renderTemplates } from '../main/policy/admx';
import { renderReference, replaceReference } from '../main/policy/reference';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const templatesDir = path.join(root, 'resources', 'policy');
const docsFile = path.join(root, 'docs', 'it-deployment.md');

/** Returns the docs page with a fresh reference, formatted as the repository formats Markdown. */
export async function updatedDocs(current: string): Promise<string> {
  const options = await prettier.resolveConfig(docsFile);
  return prettier.format(replaceReference(current, renderReference()), {
    ...options,
    filepath: docsFile,
  });
}

async function main(): Promise<void> {
  for (const [file, text] of renderTemplates()) {
    const target = path.join(templatesDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
    console.log(`wrote ${path.relative(root, target)}`);
  }

  const docs = await readFile(docsFile, 'utf8');
  await writeFile(docsFile, await updatedDocs(docs));
  console.log(
    `updated the settings reference in ${path.relative(root, docsFile)}`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error('error: the policy templates could not be generated:', error);
    process.exit(1);
  });
}
