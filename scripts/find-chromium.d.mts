export declare const locateChromium: () => string | undefined;
export declare const ensureChromium: () => string;
