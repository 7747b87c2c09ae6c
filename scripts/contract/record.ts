/**
 * `pnpm contract:record` (run by `pnpm version-packages` after `changeset version`): records the contract of
 * every published package whose current version has no record yet, i.e. of each package that was just
 * released. Existing records are left as they are.
 */

import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { recordDir, writeRecord } from './records';
import { workspaceContract } from './surfaces';

const root = process.cwd();
let written = 0;
for (const contract of await workspaceContract(root)) {
  if (existsSync(recordDir(root, contract.name, contract.version))) continue;
  console.log(
    `contract: recorded ${contract.name}@${contract.version} in ${relative(root, writeRecord(root, contract))}`,
  );
  written++;
}
if (written === 0) console.log('contract: every package version already has a record');
