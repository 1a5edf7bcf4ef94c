import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isAutoLockAllowed,
  isPlatformHostAllowed,
  mergePolicy,
  POLICY_AUTO_LOCK_MAX_MINUTES,
  POLICY_AUTO_LOCK_MIN_MINUTES,
  POLICY_KEYS,
  POLICY_MAX_PLATFORM_HOSTS,
  type PolicyOptions,
  parseManagedPolicy,
} from '../../../src/shared/policy';

const options: PolicyOptions = {
  platformHosts: ['https://g.codefresh.io', 'https://codefresh.corp.example'],
  requirePassphrase: false,
  autoLockMinutes: 60,
  keepTokens: true,
};

const nothingEnforced = {
  platformHosts: false,
  requirePassphrase: false,
  autoLockMinutes: false,
  keepTokens: false,
};

describe('mergePolicy', () => {
  it('leaves the options alone when there is no policy', () => {
    for (const managed of [undefined, null, {}]) {
      expect(mergePolicy(options, managed)).toEqual({
        ...options,
        enforced: nothingEnforced,
        allowedPlatformHosts: null,
        blockedPlatformHosts: [],
        maxAutoLockMinutes: null,
        ignored: [],
        unknown: false,
      });
    }
  });

  it('lets the policy win over the options and says which ones it decides', () => {
    const effective = mergePolicy(options, {
      requirePassphrase: true,
      disallowKeepingTokens: true,
      maxAutoLockMinutes: 15,
      allowedPlatformHosts: ['https://codefresh.corp.example'],
    });
    expect(effective).toMatchObject({
      platformHosts: ['https://codefresh.corp.example'],
      requirePassphrase: true,
      autoLockMinutes: 15,
      keepTokens: false,
      enforced: { platformHosts: true, requirePassphrase: true, autoLockMinutes: true, keepTokens: true },
      ignored: [],
    });
  });

  it('keeps the user’s stricter choices: false in policy requires nothing and forbids nothing', () => {
    const strict = { ...options, requirePassphrase: true, keepTokens: false };
    const effective = mergePolicy(strict, { requirePassphrase: false, disallowKeepingTokens: false });
    expect(effective).toMatchObject({
      requirePassphrase: true,
      keepTokens: false,
      enforced: nothingEnforced,
    });
  });

  describe('allowed platform hosts', () => {
    it('filters the user’s platforms and reports the ones it removed', () => {
      const effective = mergePolicy(options, { allowedPlatformHosts: ['https://codefresh.corp.example/'] });
      expect(effective.platformHosts).toEqual(['https://codefresh.corp.example']);
      expect(effective.blockedPlatformHosts).toEqual(['https://g.codefresh.io']);
      expect(effective.allowedPlatformHosts).toEqual(['https://codefresh.corp.example']);
    });

    it('compares origins after normalising (case, default port, trailing slash)', () => {
      const effective = mergePolicy(
        { ...options, platformHosts: ['https://CodeFresh.Corp.Example:443/'] },
        { allowedPlatformHosts: ['HTTPS://codefresh.corp.example', 'https://codefresh.corp.example:443'] },
      );
      expect(effective.allowedPlatformHosts).toEqual(['https://codefresh.corp.example']);
      expect(effective.platformHosts).toEqual(['https://codefresh.corp.example']);
    });

    it('keeps a port that is part of the origin', () => {
      const effective = mergePolicy(options, { allowedPlatformHosts: ['https://cf.example:8443'] });
      expect(effective.allowedPlatformHosts).toEqual(['https://cf.example:8443']);
      expect(isPlatformHostAllowed(effective, 'https://cf.example:8443')).toBe(true);
      expect(isPlatformHostAllowed(effective, 'https://cf.example')).toBe(false);
    });

    it('ignores entries that are not exactly an https origin, each with a reason, and keeps the rest', () => {
      const effective = mergePolicy(options, {
        allowedPlatformHosts: [
          'http://codefresh.corp.example',
          'codefresh.corp.example',
          'https://codefresh.corp.example/path',
          'https://user@evil.example',
          'https://codefresh.corp.example?x=1',
          42,
          null,
          'https://g.codefresh.io',
        ],
      });
      expect(effective.allowedPlatformHosts).toEqual(['https://g.codefresh.io']);
      expect(effective.ignored.map((i) => i.key)).toEqual(
        [0, 1, 2, 3, 4, 5, 6].map((i) => `allowedPlatformHosts[${i}]`),
      );
      expect(effective.ignored.every((i) => /https origin/.test(i.reason))).toBe(true);
    });

    it('fails closed: a list whose entries are all invalid allows no platform', () => {
      const effective = mergePolicy(options, { allowedPlatformHosts: ['codefresh.corp.example'] });
      expect(effective.allowedPlatformHosts).toEqual([]);
      expect(effective.platformHosts).toEqual([]);
      expect(effective.enforced.platformHosts).toBe(true);
      expect(isPlatformHostAllowed(effective, 'https://g.codefresh.io')).toBe(false);
    });

    it('ignores the key when it is not a list at all', () => {
      const effective = mergePolicy(options, { allowedPlatformHosts: 'https://g.codefresh.io' });
      expect(effective.allowedPlatformHosts).toBeNull();
      expect(effective.platformHosts).toEqual(options.platformHosts);
      expect(effective.ignored).toEqual([
        { key: 'allowedPlatformHosts', reason: 'expected a list of https origins, got a string' },
      ]);
    });

    it('caps a runaway list', () => {
      const many = Array.from({ length: POLICY_MAX_PLATFORM_HOSTS + 5 }, (_, i) => `https://h${i}.example`);
      const effective = mergePolicy(options, { allowedPlatformHosts: many });
      expect(effective.allowedPlatformHosts).toHaveLength(POLICY_MAX_PLATFORM_HOSTS);
      expect(effective.ignored).toHaveLength(1);
    });

    it('allows any https platform without a list, and never a non-https one', () => {
      const effective = mergePolicy(options, {});
      expect(isPlatformHostAllowed(effective, 'https://anything.example')).toBe(true);
      expect(isPlatformHostAllowed(effective, 'http://anything.example')).toBe(false);
    });
  });

  describe('max auto-lock minutes', () => {
    it('clamps a longer user choice and leaves a shorter one', () => {
      expect(mergePolicy(options, { maxAutoLockMinutes: 30 }).autoLockMinutes).toBe(30);
      expect(
        mergePolicy({ ...options, autoLockMinutes: 5 }, { maxAutoLockMinutes: 30 }).autoLockMinutes,
      ).toBe(5);
      const effective = mergePolicy(options, { maxAutoLockMinutes: 30 });
      expect(effective.enforced.autoLockMinutes).toBe(true);
      expect(isAutoLockAllowed(effective, 30)).toBe(true);
      expect(isAutoLockAllowed(effective, 31)).toBe(false);
    });

    it.each([0, -5, POLICY_AUTO_LOCK_MAX_MINUTES + 1, 1.5, '15', Number.NaN, Number.POSITIVE_INFINITY, null])(
      'ignores %s with a reason',
      (value) => {
        const effective = mergePolicy(options, { maxAutoLockMinutes: value });
        expect(effective.autoLockMinutes).toBe(60);
        expect(effective.maxAutoLockMinutes).toBeNull();
        expect(effective.enforced.autoLockMinutes).toBe(false);
        expect(effective.ignored).toEqual([
          { key: 'maxAutoLockMinutes', reason: expect.stringMatching(/whole number/) },
        ]);
      },
    );

    it('accepts both bounds', () => {
      expect(mergePolicy(options, { maxAutoLockMinutes: POLICY_AUTO_LOCK_MIN_MINUTES }).autoLockMinutes).toBe(
        1,
      );
      expect(mergePolicy(options, { maxAutoLockMinutes: POLICY_AUTO_LOCK_MAX_MINUTES }).autoLockMinutes).toBe(
        60,
      );
    });
  });

  it('ignores booleans given as strings or numbers (Firefox applies no schema)', () => {
    const effective = mergePolicy(options, { requirePassphrase: 'true', disallowKeepingTokens: 1 });
    expect(effective).toMatchObject({
      requirePassphrase: false,
      keepTokens: true,
      enforced: nothingEnforced,
    });
    expect(effective.ignored).toEqual([
      { key: 'disallowKeepingTokens', reason: 'expected true or false, got a number' },
      { key: 'requirePassphrase', reason: 'expected true or false, got a string' },
    ]);
  });

  it('ignores unknown keys, and still applies the known ones', () => {
    const effective = mergePolicy(options, {
      requirePassphrase: true,
      allowedHosts: ['x'],
      RequirePassphrase: false,
    });
    expect(effective.requirePassphrase).toBe(true);
    expect(effective.ignored).toEqual([
      { key: 'RequirePassphrase', reason: 'unknown key' },
      { key: 'allowedHosts', reason: 'unknown key' },
    ]);
  });

  it.each([
    ['a string', 'requirePassphrase'],
    ['a number', 7],
    ['a boolean', true],
    ['an array', [{ requirePassphrase: true }]],
  ])('ignores a policy that is %s, safely', (what, managed) => {
    const effective = mergePolicy(options, managed);
    expect(effective).toMatchObject({ ...options, enforced: nothingEnforced });
    expect(effective.ignored).toEqual([{ key: '(policy)', reason: `expected an object, got ${what}` }]);
  });

  it('names a null value as null', () => {
    expect(mergePolicy(options, { requirePassphrase: null }).ignored).toEqual([
      { key: 'requirePassphrase', reason: 'expected true or false, got null' },
    ]);
  });

  it('is not fooled by prototype tricks', () => {
    const managed = JSON.parse('{"__proto__": {"requirePassphrase": true}, "constructor": 1}');
    const effective = mergePolicy(options, managed);
    expect(effective.requirePassphrase).toBe(false);
    expect(effective.ignored.map((i) => i.key)).toEqual(['__proto__', 'constructor']);
  });

  it('does not change the options it was given', () => {
    const before = structuredClone(options);
    mergePolicy(options, { allowedPlatformHosts: [], maxAutoLockMinutes: 1, disallowKeepingTokens: true });
    expect(options).toEqual(before);
  });
});

describe('managed_schema.json', () => {
  const schema = JSON.parse(readFileSync('managed_schema.json', 'utf8'));

  it('declares exactly the keys the parser reads, with matching bounds', () => {
    expect(Object.keys(schema.properties).sort()).toEqual([...POLICY_KEYS].sort());
    expect(schema.properties.maxAutoLockMinutes).toMatchObject({
      type: 'integer',
      minimum: POLICY_AUTO_LOCK_MIN_MINUTES,
      maximum: POLICY_AUTO_LOCK_MAX_MINUTES,
    });
    expect(schema.properties.requirePassphrase.type).toBe('boolean');
    expect(schema.properties.disallowKeepingTokens.type).toBe('boolean');
  });

  it('has an origin pattern that agrees with the parser', () => {
    const pattern = new RegExp(schema.properties.allowedPlatformHosts.items.pattern);
    for (const good of ['https://g.codefresh.io', 'https://cf.example:8443']) {
      expect(pattern.test(good)).toBe(true);
      expect(parseManagedPolicy({ allowedPlatformHosts: [good] }).ignored).toEqual([]);
    }
    for (const bad of [
      'http://g.codefresh.io',
      'g.codefresh.io',
      'https://a.example/path',
      'https://u@a.example',
    ]) {
      expect(pattern.test(bad)).toBe(false);
      expect(parseManagedPolicy({ allowedPlatformHosts: [bad] }).ignored).toHaveLength(1);
    }
  });
});
