// Whether a process id still names a running process: for locks and for leftovers of killed writers.
import { readFileSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process whose parent died too stays a zombie until init reaps it (seconds, or never without an
  // init in a container): it answers signal 0, but it is dead.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); // "pid (name) state ...", the name may hold ")"
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (not Linux): trust the signal
  }
}
