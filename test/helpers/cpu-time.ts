// CPU time for bounds in tests: the work a piece of code does, which other processes' load on a
// shared machine does not move (wall time does, by whole scheduler slices).

/** Milliseconds of this process's CPU (user + system) since `t0` = process.cpuUsage(). */
export function cpuMsSince(t0: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(t0);
  return (user + system) / 1000;
}
