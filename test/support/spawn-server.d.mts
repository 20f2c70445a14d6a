export declare const TEST_API_KEY: string;
export declare const BOOTIC_API_KEY: string;
export declare const BOOTIC_SHOP_ID: number;
export declare const TEST_SERVICE_KEY: string;
export declare const TEST_JWT_SECRET: string;
export interface SpawnedServer {
  url: string;
  apiKey: string;
  booticApiKey: string;
  serviceKey: string;
  stop(): Promise<void>;
}
export declare function spawnServer(env?: Record<string, string>): Promise<SpawnedServer>;
