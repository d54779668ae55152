import { buildDesktopApi } from '../contract/ipc'; console.log(buildDesktopApi);
