/**
 * Spins the calling thread, allocating nothing (no GC helper work), until the process used `ms` more CPU; returns
 * the arithmetic's result so the loop cannot be optimized away.
 */
export function spinCpu(ms: number): number {
  const start = process.cpuUsage();
  let x = 0;
  for (;;) {
    for (let i = 0; i < 100_000; i += 1) x = (x * 31 + i) % 1_000_003;
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms) return x;
  }
}
