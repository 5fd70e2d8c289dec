/** Test sources answer with usage records, as the API document shows them; the report reads them as its table. */
import type { Usage, UsageTable } from '../../../src/api/schema';
import { toMeetingTable } from '../../../src/report/aggregate';

export function asTable(usage: Usage): UsageTable {
  return { domain: usage.domain, totalSeconds: usage.totalSeconds, table: toMeetingTable(usage.records), skipped: usage.skipped };
}
