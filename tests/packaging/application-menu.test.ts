import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  buildMenuTemplate,
  menuLabels,
  type MenuOptions,
} from '../../main/electron/menu-template';

function build(change: Partial<MenuOptions> = {}) {
  const calls: string[] = [];
  const template = buildMenuTemplate({
    language: 'de',
    brandName: 'Mitel One',
    platform: 'linux',
    actions: {
      openLogFolder: () => calls.push('openLogFolder'),
      showAbout: () => calls.push('showAbout'),
    },
    ...change,
  });
  return { template, calls };
}

function submenu(
  item: MenuItemConstructorOptions,
): MenuItemConstructorOptions[] {
  return item.submenu as MenuItemConstructorOptions[];
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

/** Returns every item of the menu, its submenus included. */
function allItems(
  items: MenuItemConstructorOptions[],
): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? allItems(submenu(item)) : []),
  ]);
}

describe('application menu', () => {
  it('has the German help entries', () => {
    const { template, calls } = build();
    const help = template.at(-1)!;

    expect(help.label).toBe('Hilfe');
    const [logFolder, , about] = submenu(help);
    expect(logFolder!.label).toBe('Protokollordner öffnen');
    expect(about!.label).toBe('Über Mitel One');

    click(logFolder!);
    click(about!);
    expect(calls).toEqual(['openLogFolder', 'showAbout']);
  });

  it('has the English help entries', () => {
    const { template } = build({ language: 'en', brandName: 'Acme Talk' });
    const labels = submenu(template.at(-1)!).map((item) => item.label);

    expect(template.at(-1)!.label).toBe('Help');
    expect(labels).toEqual(['Open log folder', undefined, 'About Acme Talk']);
  });

  it('leads every entry somewhere', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const language of ['de', 'en'] as const) {
        const items = allItems(build({ platform, language }).template);
        const dead = items.filter(
          (item) =>
            item.type !== 'separator' &&
            !item.role &&
            !item.click &&
            !Array.isArray(item.submenu),
        );
        expect(dead).toEqual([]);
      }
    }
  });

  it('labels every entry in both languages', () => {
    for (const language of ['de', 'en'] as const) {
      const items = allItems(build({ platform: 'darwin', language }).template);
      const unlabelled = items.filter(
        (item) => item.type !== 'separator' && !item.label,
      );
      expect(unlabelled).toEqual([]);
    }
    expect(Object.keys(menuLabels.de).sort()).toEqual(
      Object.keys(menuLabels.en).sort(),
    );
  });

  it('puts the app menu first on macOS', () => {
    const { template } = build({ platform: 'darwin', language: 'en' });
    const appMenu = submenu(template[0]!);

    expect(template[0]!.label).toBe('Mitel One');
    expect(appMenu[0]!.label).toBe('About Mitel One');
    expect(appMenu.at(-1)).toMatchObject({
      role: 'quit',
      label: 'Quit Mitel One',
    });
  });

  it('puts a file menu first elsewhere', () => {
    const { template } = build({ platform: 'win32' });

    expect(template[0]!.label).toBe('Datei');
    expect(submenu(template[0]!)).toEqual([{ role: 'quit', label: 'Beenden' }]);
  });
});
