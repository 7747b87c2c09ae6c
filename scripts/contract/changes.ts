/** One difference between a package's recorded contract and the working tree's, in a partner's words. */
export interface ContractChange {
  /** By VERSIONING.md: `major` breaks a pinned service, `minor` adds, `patch` only loosens or fixes. */
  level: ChangeLevel;
  /** What changed, e.g. "`worker.onboarded` v1" or "export `isId`". */
  subject: string;
  /** How, e.g. "`data.phone` no longer accepts null". */
  message: string;
}

export type ChangeLevel = 'major' | 'minor' | 'patch';
export type Bump = 'none' | ChangeLevel;

const ORDER: Bump[] = ['none', 'patch', 'minor', 'major'];

export function bumpRank(bump: Bump): number {
  return ORDER.indexOf(bump);
}

export function maxBump(bumps: Iterable<Bump>): Bump {
  let max: Bump = 'none';
  for (const bump of bumps) if (bumpRank(bump) > bumpRank(max)) max = bump;
  return max;
}

/**
 * The version bump a set of changes needs. While a package is 0.x a breaking change is a minor (`^0.1.0`
 * does not accept 0.2.0) and an addition is a patch; from 1.0 on the levels are the bumps.
 */
export function requiredBump(level: Bump, version: string): Bump {
  if (!version.startsWith('0.') || level === 'none') return level;
  return level === 'major' ? 'minor' : 'patch';
}

export const LEVEL_WORDS: Record<ChangeLevel, string> = {
  major: 'breaking',
  minor: 'addition',
  patch: 'loosening or fix',
};
