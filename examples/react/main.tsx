// Tillkit in a React 19 application rendered in the browser (type-checked, built with Vite and driven in
// Chromium by test/e2e/react.e2e.test.ts). The README's React section is shop.tsx.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Shop } from './shop';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Shop />
  </StrictMode>,
);
