// Preloaded into the benchmarked CLI (`node --import`): when the process exits, writes its peak
// resident set size and CPU time (all threads) to the file named by BENCH_PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ maxRssKiB: usage.maxRSS, cpuMicroseconds: usage.userCPUTime + usage.systemCPUTime }));
  });
}
