export declare const STRIPE_MARKER: string;
export declare function chunkRole(fileName: string, code: string): string;
