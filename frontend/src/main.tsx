// React 19 needs antd v5's compatibility patch before any antd component renders.
import '@ant-design/v5-patch-for-react-19';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n';
import './styles.css';
import { App } from './App';
import { fixAria } from './lib/ariaFixes';

fixAria();

// The first render as a transition: React renders in slices of a few milliseconds and lets the
// browser breathe in between, instead of one long task that freezes a phone's main thread.
startTransition(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
