// The application menu as data, without Electron's runtime, so that its
// labels and entries are tested under Node. menu.ts installs it.
import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../contract/api';

/** Labels of the menu; `{brand}` stands for the product name. */
export const menuLabels = {
  de: {
    file: 'Datei',
    edit: 'Bearbeiten',
    view: 'Ansicht',
    window: 'Fenster',
    help: 'Hilfe',
    quit: 'Beenden',
    quitBrand: '{brand} beenden',
    undo: 'Rückgängig',
    redo: 'Wiederholen',
    cut: 'Ausschneiden',
    copy: 'Kopieren',
    paste: 'Einfügen',
    selectAll: 'Alles auswählen',
    zoomIn: 'Vergrößern',
    zoomOut: 'Verkleinern',
    resetZoom: 'Originalgröße',
    fullScreen: 'Vollbild',
    minimize: 'Minimieren',
    close: 'Fenster schließen',
    front: 'Alle nach vorne bringen',
    services: 'Dienste',
    hide: '{brand} ausblenden',
    hideOthers: 'Andere ausblenden',
    showAll: 'Alle einblenden',
    openLogFolder: 'Protokollordner öffnen',
    about: 'Über {brand}',
  },
  en: {
    file: 'File',
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    help: 'Help',
    quit: 'Quit',
    quitBrand: 'Quit {brand}',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    fullScreen: 'Toggle Full Screen',
    minimize: 'Minimize',
    close: 'Close Window',
    front: 'Bring All to Front',
    services: 'Services',
    hide: 'Hide {brand}',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    openLogFolder: 'Open log folder',
    about: 'About {brand}',
  },
} satisfies Record<Language, Record<string, string>>;

export interface MenuActions {
  /** Opens the folder of the log files in the file manager. */
  openLogFolder(): void;
  /** Asks the renderer to show the about view. */
  showAbout(): void;
}

export interface MenuOptions {
  language: Language;
  brandName: string;
  platform: NodeJS.Platform;
  actions: MenuActions;
}

/**
 * Builds the application menu in the app's language. Every entry has an
 * Electron role or an action; macOS adds its app menu, which contains Quit.
 */
export function buildMenuTemplate(
  options: MenuOptions,
): MenuItemConstructorOptions[] {
  const labels = menuLabels[options.language];
  const text = (key: keyof typeof labels) =>
    labels[key].replace('{brand}', options.brandName);
  const isMac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = {
    label: text('about'),
    click: () => options.actions.showAbout(),
  };

  const appMenu: MenuItemConstructorOptions = {
    label: options.brandName,
    submenu: [
      about,
      { type: 'separator' },
      { role: 'services', label: text('services') },
      { type: 'separator' },
      { role: 'hide', label: text('hide') },
      { role: 'hideOthers', label: text('hideOthers') },
      { role: 'unhide', label: text('showAll') },
      { type: 'separator' },
      { role: 'quit', label: text('quitBrand') },
    ],
  };
  const fileMenu: MenuItemConstructorOptions = {
    label: text('file'),
    submenu: [{ role: 'quit', label: text('quit') }],
  };

  return [
    isMac ? appMenu : fileMenu,
    {
      label: text('edit'),
      submenu: [
        { role: 'undo', label: text('undo') },
        { role: 'redo', label: text('redo') },
        { type: 'separator' },
        { role: 'cut', label: text('cut') },
        { role: 'copy', label: text('copy') },
        { role: 'paste', label: text('paste') },
        { role: 'selectAll', label: text('selectAll') },
      ],
    },
    {
      label: text('view'),
      submenu: [
        { role: 'zoomIn', label: text('zoomIn') },
        { role: 'zoomOut', label: text('zoomOut') },
        { role: 'resetZoom', label: text('resetZoom') },
        { type: 'separator' },
        { role: 'togglefullscreen', label: text('fullScreen') },
      ],
    },
    {
      label: text('window'),
      submenu: [
        { role: 'minimize', label: text('minimize') },
        { role: 'close', label: text('close') },
        ...(isMac
          ? [
              { type: 'separator' } as const,
              { role: 'front', label: text('front') } as const,
            ]
          : []),
      ],
    },
    {
      label: text('help'),
      role: 'help',
      submenu: [
        {
          label: text('openLogFolder'),
          click: () => options.actions.openLogFolder(),
        },
        { type: 'separator' },
        about,
      ],
    },
  ];
}
