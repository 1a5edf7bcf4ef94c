/** The Codefresh SaaS platform; self-hosted platforms are added by the user (optional host access). */
export const DEFAULT_PLATFORM_ORIGIN = 'https://g.codefresh.io';
