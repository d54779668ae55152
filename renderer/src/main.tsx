import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { hasDesktopApi } from './api';
import { App } from './App';
import { i18n } from './i18n/i18n';
import { NoBridgeScreen } from './NoBridgeScreen';
import { startApp } from './stores/startApp';
import './styles/base.css';
import './styles/forms.css';
import './styles/screens.css';

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html has no #root element');
}
const root = createRoot(container);
document.title = i18n.t('app.starting');

if (hasDesktopApi()) {
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void startApp();
} else {
  root.render(<NoBridgeScreen />);
}
