import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadPage } from './App';
import { loadSession, sessionEnded } from './auth/session';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// The page's own code loads while the session is checked, not after.
preloadPage(window.location.pathname);

// Without an answer about the session, treat the visitor as signed out: the sign-in page
// will say what is wrong when they try.
loadSession().catch(() => sessionEnded());
