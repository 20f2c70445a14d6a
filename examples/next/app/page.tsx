// A server component, rendered to HTML on the server for every request, Shop included: a client component is
// rendered on the server too, then hydrated in the browser, where `tillkit/react` sets the elements'
// properties and listeners.
import { Shop } from './shop';

export const dynamic = 'force-dynamic';

export default function Page() {
  return (
    <main>
      <h1>Tillkit in Next.js</h1>
      <Shop />
    </main>
  );
}
