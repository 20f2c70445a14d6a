// The catalogue's state without an element: what it asks the API for as the customer searches,
// filters and sorts, with a fetch that records each request and answers like the reference server.
import { expect } from '@open-wc/testing';
import { SEARCH_DELAY, catalogueSort, catalogueTags, createCatalogue } from '../../src/state/catalogue.ts';
import { configure } from '../../src/state/config.ts';
import { requestUrl } from '../support/request-url.ts';

let requests: URL[] = [];
let tags: Response | null = null;

function answering(): void {
  requests = [];
  configure({
    apiUrl: `https://api.catalogue-${Math.random()}.test`, // a new client, so nothing is remembered
    apiKey: 'pk_test',
    fetch: (input) => {
      const url = new URL(requestUrl(input));
      requests.push(url);
      if (url.pathname === '/tags') return Promise.resolve(tags ?? new Response('{}', { status: 404 }));
      return Promise.resolve(
        new Response('[]', { headers: { 'Content-Type': 'application/json', 'X-Total-Count': '0' } }),
      );
    },
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const searches = () => requests.filter((r) => r.pathname.startsWith('/products'));

describe('the catalogue', () => {
  beforeEach(answering);

  it('searches once typing pauses, and a genre chosen meanwhile joins the search instead of undoing it', async () => {
    const catalogue = createCatalogue();
    catalogue.search('hitch');
    await catalogue.load({ page: 0, tag: 'mystery' }); // within the search's wait
    await wait(SEARCH_DELAY + 50);
    expect(searches().map((r) => `${r.pathname}?${r.searchParams}`)).to.deep.equal([
      '/products/search?query=hitch&tags=mystery&page=0&size=12&sort=-created',
    ]);
    expect(catalogue.$state.get().query).to.include({ search: 'hitch', tag: 'mystery' });

    // A genre after the search, then more typing: each request has both.
    catalogue.search('hitchcock');
    await wait(SEARCH_DELAY + 50);
    await catalogue.load({ page: 0, tag: 'horror' });
    expect(
      searches()
        .slice(1)
        .map((r) => [r.searchParams.get('query'), r.searchParams.get('tags')]),
    ).to.deep.equal([
      ['hitchcock', 'mystery'],
      ['hitchcock', 'horror'],
    ]);
  });

  it('takes text typed for a search that has not started into the next page asked for, from its first page', async () => {
    const catalogue = createCatalogue();
    await catalogue.load({ page: 2 });
    catalogue.search('jaws');
    await catalogue.load({ page: 3 });
    const last = searches().at(-1)!;
    expect([last.pathname, last.searchParams.get('query'), last.searchParams.get('page')]).to.deep.equal([
      '/products/search',
      'jaws',
      '0',
    ]);
    await wait(SEARCH_DELAY + 50);
    expect(searches()).to.have.length(2, 'the search waiting was the one made');
  });

  it('sorts a page’s "price" by the price paid', async () => {
    expect([catalogueSort('price'), catalogueSort('-price'), catalogueSort('name'), catalogueSort('')]).to.deep.equal([
      'final_price',
      '-final_price',
      'name',
      '-created',
    ]);
    await createCatalogue().load({ sort: 'price' });
    expect(searches()[0]!.searchParams.get('sort')).to.equal('final_price');
  });

  it('lists every tag but one every product has, and says null when the API has no tag list', async () => {
    tags = new Response(
      JSON.stringify({
        products: 3,
        tags: [
          { name: '1950s', count: 1 },
          { name: 'dvd', count: 3 },
          { name: 'horror', count: 2 },
        ],
      }),
      { headers: { 'Content-Type': 'application/json' } },
    );
    expect(await catalogueTags()).to.deep.equal(['1950s', 'horror']);
    tags = null;
    answering();
    expect(await catalogueTags()).to.equal(null);
  });
});
