import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sax from 'sax';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import brand from '../../resources/brand.json';
import {
  addUrlSchemeToMsiProject,
  msiProjectCreated,
  nsisUrlSchemeInclude,
} from '../../scripts/packaging/windows-url-scheme.mjs';

const requireFromBuilder = createRequire(
  createRequire(import.meta.url).resolve('app-builder-lib/package.json'),
);

/**
 * Renders electron-builder's MSI template the way its MsiTarget does (ejs
 * with `{{ }}` and `${ }` turned into ejs tags), for a per-machine install
 * with one main executable.
 */
async function renderMsiProject(): Promise<string> {
  const ejs = requireFromBuilder('ejs');
  const templateFile = path.join(
    path.dirname(requireFromBuilder.resolve('app-builder-lib/package.json')),
    'templates/msi/template.xml',
  );
  const template = (await readFile(templateFile, 'utf8'))
    .replace(/{{/g, '<%')
    .replace(/}}/g, '%>')
    .replace(/\${([^}]+)}/g, '<%=$1%>');
  return ejs.compile(template)({
    isAssisted: false,
    isPerMachine: true,
    isRunAfterFinish: false,
    isCreateDesktopShortcut: false,
    isCreateStartMenuShortcut: false,
    iconPath: null,
    iconId: 'icon',
    compressionLevel: 'high',
    version: '0.1.0',
    productName: brand.name,
    upgradeCode: '00000000-0000-0000-0000-000000000000',
    manufacturer: 'Mitel One team',
    appDescription: 'Desktop client',
    programFilesId: 'ProgramFiles64Folder',
    installationDirectoryWixName: brand.name,
    menuCategory: null,
    dirs: '',
    files: `<Component><File Name="${brand.name}.exe" Source="app\\${brand.name}.exe" ReadOnly="yes" KeyPath="yes" Id="mainExecutable"/></Component>`,
  });
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  parent: XmlElement | null;
  children: XmlElement[];
}

/** Parses XML strictly, so that a malformed project throws. */
function parseXml(text: string): XmlElement {
  const parser = sax.parser(true);
  const document: XmlElement = {
    name: '#document',
    attributes: {},
    parent: null,
    children: [],
  };
  let current = document;
  parser.onopentag = (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: tag.attributes as Record<string, string>,
      parent: current,
      children: [],
    };
    current.children.push(element);
    current = element;
  };
  parser.onclosetag = () => {
    current = current.parent!;
  };
  parser.write(text).close();
  return document;
}

function elementsNamed(root: XmlElement, name: string): XmlElement[] {
  return root.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...elementsNamed(child, name),
  ]);
}

/** Maps `key|name` of every RegistryValue, with the key joined from its RegistryKey elements. */
function registryValues(root: XmlElement): Map<string, string> {
  const values = new Map<string, string>();
  for (const value of elementsNamed(root, 'RegistryValue')) {
    const keys: string[] = [];
    for (
      let parent = value.parent;
      parent?.name === 'RegistryKey';
      parent = parent.parent
    ) {
      keys.unshift(parent.attributes.Key ?? '');
    }
    values.set(
      `${keys.join('\\')}|${value.attributes.Name ?? ''}`,
      value.attributes.Value ?? '',
    );
  }
  return values;
}

describe('Windows URL scheme registration', () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), 'url-scheme-'));
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it('writes the NSIS macros', () => {
    const include = nsisUrlSchemeInclude(brand);
    const key = `Software\\Classes\\${brand.urlScheme}`;

    expect(include).toContain('!macro customInstall');
    expect(include).toContain(
      `WriteRegStr SHELL_CONTEXT "${key}" "URL Protocol" ""`,
    );
    expect(include).toContain(
      `WriteRegStr SHELL_CONTEXT "${key}\\shell\\open\\command" "" '"$appExe" "%1"'`,
    );
    expect(include).toContain('!macro customUnInstall');
    expect(include).toContain('${ifNot} ${isUpdated}');
    expect(include).toContain(`DeleteRegKey SHELL_CONTEXT "${key}"`);
  });

  it('escapes NSIS strings', () => {
    const include = nsisUrlSchemeInclude({
      ...brand,
      name: 'A "quoted" $name',
    });

    expect(include).toContain('"URL:A $\\"quoted$\\" $$name"');
  });

  it('adds the registry keys to the MSI', async () => {
    const projectFile = path.join(scratch, 'project.wxs');
    await writeFile(projectFile, await renderMsiProject());
    await msiProjectCreated(projectFile);

    const project = parseXml(await readFile(projectFile, 'utf8'));
    const registration = elementsNamed(project, 'Component').find(
      (element) => element.attributes.Id === 'urlSchemeRegistration',
    );
    expect(registration?.parent?.name).toBe('ComponentGroup');
    expect(registration?.parent?.attributes.Id).toBe('ProductComponents');

    const key = `Software\\Classes\\${brand.urlScheme}`;
    const [rootKey] = elementsNamed(registration!, 'RegistryKey');
    expect(rootKey?.attributes.Root).toBe('HKMU');
    expect(rootKey?.attributes.Key).toBe(key);

    const values = registryValues(registration!);
    expect(values.get(`${key}|`)).toBe(`URL:${brand.name}`);
    expect(values.get(`${key}|URL Protocol`)).toBe('');
    expect(values.get(`${key}\\DefaultIcon|`)).toBe('[#mainExecutable],0');
    expect(values.get(`${key}\\shell\\open\\command|`)).toBe(
      '"[#mainExecutable]" "%1"',
    );
  });

  it('fails clearly on another template', async () => {
    const projectFile = path.join(scratch, 'other.wxs');
    await writeFile(projectFile, '<Wix><Product/></Wix>');

    await expect(addUrlSchemeToMsiProject(projectFile, brand)).rejects.toThrow(
      'ProductComponents group',
    );
  });
});
