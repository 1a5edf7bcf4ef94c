export declare const locateFirefox: () => string | undefined;
export declare const ensureFirefox: () => string;
