import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { CrashBoundary, CrashScreen } from './CrashScreen';
import { strings } from './i18n';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('Lectern: #root element missing from index.html');
createRoot(root).render(
  <StrictMode>
    {/* Opened in a plain browser there is no window.lectern: say so rather than fail on first use. */}
    {window.lectern ? (
      <CrashBoundary>
        <App />
      </CrashBoundary>
    ) : (
      <CrashScreen body={strings.crash.noBridge} canReload={false} />
    )}
  </StrictMode>,
);
