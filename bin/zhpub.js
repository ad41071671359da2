#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (process.env.ZHPUB_REPORT_RSS) process.stderr.write(`zhpub-max-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
