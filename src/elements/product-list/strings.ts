export const PRODUCT_LIST_STRINGS = {
  'products.label': 'Products',
  'products.search': 'Search',
  'products.searchPlaceholder': 'Title, director, year…',
  'products.tag': 'Genre',
  'products.allTags': 'All',
  'products.sort': 'Sort by',
  'products.sort.-created': 'Newest',
  'products.sort.price': 'Price: low to high',
  'products.sort.-price': 'Price: high to low',
  'products.sort.name': 'Title: A–Z',
  'products.empty': 'Nothing matches your search.',
  'products.emptyAll': 'There are no products yet.',
  'products.error': 'The products could not be loaded.',
  'products.addOns': 'Add-ons',
  'products.quantity': 'Quantity',
  'products.add': 'Add to cart',
  'products.added': 'Added {name} to the cart.',
  'products.was': 'was {price}',
  'products.previous': 'Previous',
  'products.next': 'Next',
  'products.pages': 'Pages',
  'products.page': 'Page {page}',
  'products.pageOf': 'Page {page} of {pages}',
  'products.close': 'Close',
  'products.coverAlt': 'Cover of {name}',
  'products.missing': 'This product is not in the shop.',
  'products.detailsError': 'This product could not be loaded.',
  'products.properties': 'Details',
  'products.property.director': 'Director',
  'products.property.actors': 'Starring',
  'products.property.year': 'Year',
  'products.property.runtime_minutes': 'Running time',
  'products.property.condition': 'Condition',
  'products.property.format': 'Format',
  'products.property.region': 'Region',
  'products.minutes': '{minutes} min',
};

/** The keys of these texts (each can be replaced through the `strings` property or `configure`). */
export type ProductListStringKey = keyof typeof PRODUCT_LIST_STRINGS;

// These texts join the table of every text, and `StringKey` knows their keys.
declare module '../shared/strings.ts' {
  interface StringTables {
    productList: typeof PRODUCT_LIST_STRINGS;
  }
}
