/**
 * The guard behind `pnpm contract:check`: each published package's working-tree contract against its last
 * record, the bump those changes need (VERSIONING.md, mapped onto 0.x), and the bump the pending changesets
 * give it (changesets' own release plan, dependents included).
 */
import getReleasePlanModule from '@changesets/get-release-plan';
import { type Bump, bumpRank, type ContractChange, LEVEL_WORDS, maxBump, requiredBump } from './changes';
import { compareContracts } from './compare/index';
import { baselineVersion, readRecord } from './records';
import { workspaceContract } from './surfaces';

// The package is CommonJS with a default export; under some loaders it arrives wrapped once more.
const getReleasePlan = ((getReleasePlanModule as unknown as { default?: unknown }).default ??
  getReleasePlanModule) as typeof getReleasePlanModule;

export interface PackageVerdict {
  name: string;
  version: string;
  /** The record compared with; undefined when the package has none (its first release). */
  baseline: string | undefined;
  changes: ContractChange[];
  /** What the changes need at this version (0.x: breaking → minor, addition → patch). */
  required: Bump;
  /** What the pending changesets give the package. */
  planned: Bump;
  ok: boolean;
}

export async function checkContract(root: string): Promise<PackageVerdict[]> {
  const plan = await getReleasePlan(root);
  const planned = new Map(plan.releases.map((r) => [r.name, r.type as Bump]));
  const verdicts: PackageVerdict[] = [];
  for (const contract of await workspaceContract(root)) {
    const baseline = baselineVersion(root, contract.name, contract.version);
    const changes = baseline
      ? compareContracts(readRecord(root, contract.name, baseline), contract.files)
      : [];
    // A package never recorded has never been released: its first release needs a changeset, of any size.
    const required = baseline
      ? requiredBump(maxBump(changes.map((c) => c.level)), contract.version)
      : 'patch';
    const bump = planned.get(contract.name) ?? 'none';
    verdicts.push({
      name: contract.name,
      version: contract.version,
      baseline,
      changes,
      required,
      planned: bump,
      ok: bumpRank(bump) >= bumpRank(required),
    });
  }
  return verdicts;
}

const ORDER = { major: 0, minor: 1, patch: 2 } as const;

/** A verdict as a partner-readable block of text. */
export function formatVerdict(verdict: PackageVerdict): string {
  const { name, version, baseline, changes, required, planned, ok } = verdict;
  const lines: string[] = [];
  const mark = ok ? '✓' : '✗';
  if (!baseline) {
    lines.push(
      `${mark} ${name}@${version}: no recorded release, so this is its first release; it needs a changeset (any bump). Pending: ${planned}.`,
    );
  } else if (changes.length === 0) {
    lines.push(
      `${mark} ${name}@${version}: no contract change since the record of ${baseline}. Pending: ${planned}.`,
    );
  } else {
    const counts = (['major', 'minor', 'patch'] as const)
      .map((level) => [level, changes.filter((c) => c.level === level).length] as const)
      .filter(([, n]) => n > 0)
      .map(([level, n]) => `${n} ${LEVEL_WORDS[level]}`)
      .join(', ');
    lines.push(
      `${mark} ${name}: ${changes.length} contract change(s) since ${baseline} (${counts}); needs at least a ${required} at ${version}, pending changesets give ${planned}.`,
    );
    for (const change of [...changes].sort((a, b) => ORDER[a.level] - ORDER[b.level])) {
      lines.push(`    ${change.level.padEnd(5)}  ${change.subject}: ${change.message}`);
    }
  }
  if (!ok) {
    lines.push(
      `  → ${name} needs a ${required} bump and the pending changesets give it ${planned}. Run \`pnpm changeset\`, choose ${required} (or more) for ${name}, and say in the changelog line what changed for partners — or undo the change.`,
    );
  }
  return lines.join('\n');
}
