// A process that takes the embedded store's lock of argv[2], says whether it got it, and holds it until killed
// or until its stdin closes.
import { lockDataDir } from '../../src/store/data-dir-lock';

const dir = process.argv[2] ?? '';
// Start together: every holder waits for the same moment before trying.
const at = Number(process.argv[3] ?? 0);
setTimeout(
  () => {
    try {
      lockDataDir(dir);
      process.stdout.write('LOCKED\n');
    } catch (error) {
      process.stdout.write(`REFUSED ${(error as Error).message}\n`);
    }
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
  },
  Math.max(0, at - Date.now()),
);
