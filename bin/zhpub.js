#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then(async (code) => {
  process.exitCode = code;
  if (process.env.ZHPUB_REPORT_RSS) {
    // Peak memory of this process plus its batch workers (for the benchmark).
    const { workersMaxRssKb } = await import('../dist/pipeline/pool.js');
    process.stderr.write(`zhpub-max-rss-kb ${process.resourceUsage().maxRSS + workersMaxRssKb}\n`);
  }
});
