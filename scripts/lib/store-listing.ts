// The store listing (packages/store-listing/listing.md), written from the built manifest so that
// the permissions a reviewer reads are the ones that ship. A permission or host with no
// justification below fails `npm run package`: adding one means explaining it here first.

export interface ListingInput {
  readonly name: string;
  /** The manifest description (en locale); stores cap it at 132 characters. */
  readonly shortDescription: string;
  readonly version: string;
  readonly manifest: {
    readonly permissions?: readonly string[];
    readonly host_permissions?: readonly string[];
    readonly optional_host_permissions?: readonly string[];
  };
  readonly screenshots: readonly string[];
}

export const SHORT_DESCRIPTION_MAX = 132;

export const PERMISSION_REASONS: Readonly<Record<string, string>> = {
  storage:
    "Keeps the encrypted copies of saved Git tokens and the encrypted Codefresh API key, the user's settings, and a short-lived cache of the runtime list (without secrets) on this device. Also reads the administrator policy (`storage.managed`). Nothing is synced.",
  alarms:
    'Locks the token vault after the chosen idle time, and checks a few times a day whether a saved token is about to expire. Both need to run while no extension page is open.',
  contextMenus:
    'Adds a right-click menu on Codefresh settings pages only: add a saved token to the runtime under the pointer, to every runtime missing one, or replace an invalid one.',
  activeTab:
    'When the user opens the popup, reads the address of the current tab to recognise the Codefresh runtime page it shows, so the right runtime is preselected. No browsing history is read.',
  notifications:
    'Warns before a saved Git token expires (at most once a day per token; can be turned off in the options).',
  scripting:
    'For a self-hosted Codefresh platform only: runs the same small page-context script on that one address, after the user added it in the options and allowed access to it.',
};

export const HOST_REASONS: Readonly<Record<string, string>> = {
  'https://g.codefresh.io/*':
    "The Codefresh platform: the GraphQL API lists the user's runtimes, and a small content script reports which runtime the open page is about. It never sees a token.",
  'https://api.github.com/*':
    'Checks a GitHub token once (owner, scopes, expiry) before it is added to a runtime.',
  'https://gitlab.com/*': 'Checks a GitLab.com token once (owner, scopes, expiry) before it is added.',
  'https://api.bitbucket.org/*': 'Checks a Bitbucket Cloud token or app password once before it is added.',
};

export const OPTIONAL_HOST_REASONS: Readonly<Record<string, string>> = {
  'https://*/*':
    'Optional, never granted at install. Runtime app-proxies, self-hosted Codefresh platforms and self-hosted Git servers (GitHub Enterprise, GitLab, Bitbucket Data Center, Gerrit) live on hosts only the user knows. The extension asks for one exact origin at a time (for example `https://runtime.example.com/*`), only when the user clicks Add or saves a host, and Chrome or Firefox shows the prompt. Nothing is requested in the background.',
};

const reasonsFor = (
  kind: string,
  items: readonly string[] | undefined,
  reasons: Readonly<Record<string, string>>,
): string[] => {
  const missing = (items ?? []).filter((item) => !(item in reasons));
  if (missing.length > 0) {
    throw new Error(
      `no store justification for ${kind} ${missing.join(', ')} (scripts/lib/store-listing.ts)`,
    );
  }
  return (items ?? []).map((item) => `- \`${item}\`: ${reasons[item]}`);
};

export const renderStoreListing = (input: ListingInput): string => {
  const { name, shortDescription, version, manifest, screenshots } = input;
  if (shortDescription.length > SHORT_DESCRIPTION_MAX) {
    throw new Error(
      `short description is ${shortDescription.length} characters; stores allow ${SHORT_DESCRIPTION_MAX}`,
    );
  }
  const lines = [
    `# ${name}: store listing (version ${version})`,
    '',
    'Written by `npm run package` from the built manifest; edit `scripts/lib/store-listing.ts`, not this file.',
    '',
    '## Name',
    '',
    name,
    '',
    `## Short description (${shortDescription.length}/${SHORT_DESCRIPTION_MAX})`,
    '',
    shortDescription,
    '',
    '## Long description',
    '',
    'For people who run Codefresh GitOps runtimes. Paste a Git personal access token once: the extension checks it with your Git provider (owner, scopes, expiry, SSO authorization) and adds it to one runtime, or to every runtime that needs it, with a clear result per runtime.',
    '',
    '- Works with GitHub and GitHub Enterprise, GitLab (cloud and self-managed), Bitbucket Cloud and Data Center, and Gerrit.',
    '- Finds the runtime you are looking at on the Codefresh page, and lists the runtimes whose token is missing or no longer valid.',
    '- Refuses tokens that lack the scopes Codefresh needs, or that have expired, and says which scope to add, with a link to create a new token.',
    '- Keeps an encrypted copy of each token on your device (AES-GCM; optionally under a passphrase, with auto-lock) so you can add it to other runtimes without pasting it again, and warns you before it expires.',
    '- Talks only to your Git provider and your Codefresh platform. No analytics, no servers of ours, no data collection.',
    '- Administrators can set policy: which Codefresh platforms are allowed, whether a passphrase is required, the longest auto-lock time, and whether tokens may be kept at all.',
    '',
    '## Permissions',
    '',
    ...reasonsFor('permission', manifest.permissions, PERMISSION_REASONS),
    '',
    '## Host permissions (granted at install)',
    '',
    ...reasonsFor('host', manifest.host_permissions, HOST_REASONS),
    '',
    '## Optional host permissions (asked for on a click)',
    '',
    ...reasonsFor('optional host', manifest.optional_host_permissions, OPTIONAL_HOST_REASONS),
    '',
    '## Data use',
    '',
    'No user data is collected or sent to the developer or third parties. Tokens and the API key are sent only to the Git host or Codefresh platform they belong to, over HTTPS.',
    '',
    '## Screenshots',
    '',
    ...(screenshots.length > 0 ? screenshots.map((s) => `- \`screenshots/${s}\``) : ['(none yet)']),
    '',
  ];
  return lines.join('\n');
};
