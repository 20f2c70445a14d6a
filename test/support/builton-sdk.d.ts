// The official BuiltOn SDK (`@builton/core-sdk`, plain JavaScript) as the tests drive it: the calls they
// make, loosely typed (its objects are the API's JSON with methods).
declare module '@builton/core-sdk' {
  interface Page {
    readonly current: any[];
    readonly paginationTotal: string | undefined;
    next(): Promise<any[]>;
  }
  interface Resource {
    create(body: unknown): Promise<any>;
    get(id: string): Promise<any>;
    get(options?: { page?: number; size?: number; urlParams?: Record<string, unknown> }): Promise<Page>;
    update(id: string, body: unknown): Promise<any>;
    del(id: string): Promise<any>;
    search(query: string, options?: { page?: number; size?: number }): Promise<Page>;
    confirm(id: string, body: unknown): Promise<any>;
    pay(id: string, body: unknown): Promise<any>;
  }
  export default class Builton {
    constructor(options: { apiKey: string; bearerToken?: string; endpoint?: string });
    readonly orders: Resource;
    readonly payments: Resource;
    readonly paymentMethods: Resource;
    readonly products: Resource;
  }
}
