import { Menu } from 'electron';
import { buildMenuTemplate, type MenuOptions } from './menu-template';

/** Sets the application menu, replacing the previous one, such as after a language change. */
export function installApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
