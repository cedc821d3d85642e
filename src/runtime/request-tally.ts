// Request counts and latencies kept in plain maps on the hot path, turned into prom-client metrics only
// when scraped: prom-client hashes the label set on every inc/observe (measured ~50x the cost of a Map
// update here), and every request of every door passes through this.
import { Counter, type Registry } from 'prom-client';

interface Latency { readonly counts: Float64Array; sum: number; count: number }
interface Operation { readonly latency: Latency; readonly statuses: Map<string, number> }

export class RequestTally {
  private readonly doors = new Map<string, Map<string, Operation>>();

  constructor(private readonly bounds: readonly number[]) {}

  add(door: string, operation: string, status: string, seconds: number): void {
    let ops = this.doors.get(door);
    if (!ops) this.doors.set(door, (ops = new Map()));
    let op = ops.get(operation);
    if (!op) ops.set(operation, (op = { latency: { counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 }, statuses: new Map() }));
    op.statuses.set(status, (op.statuses.get(status) ?? 0) + 1);
    const l = op.latency;
    let i = 0;
    while (i < this.bounds.length && seconds > this.bounds[i]!) i++;
    l.counts[i]!++;
    l.sum += seconds;
    l.count++;
  }

  /** Registers `countersign_requests_total` and the latency histogram `durationName`, both read from this tally. */
  register(registers: Registry[], durationName: string, durationHelp: string): void {
    const each = (fn: (door: string, operation: string, op: Operation) => void) => {
      for (const [door, ops] of this.doors) for (const [operation, op] of ops) fn(door, operation, op);
    };
    new Counter({
      name: 'countersign_requests_total', help: 'Requests answered, by door, operation and status name.', labelNames: ['door', 'operation', 'status'], registers,
      collect() {
        this.reset();
        each((door, operation, op) => { for (const [status, n] of op.statuses) this.inc({ door, operation, status }, n); });
      },
    });
    const bounds = this.bounds;
    const values = () => {
      const out: { labels: Record<string, string | number>; value: number; metricName: string }[] = [];
      each((door, operation, { latency }) => {
        let cumulative = 0;
        bounds.forEach((le, i) => { cumulative += latency.counts[i]!; out.push({ labels: { le, door, operation }, value: cumulative, metricName: `${durationName}_bucket` }); });
        out.push({ labels: { le: '+Inf', door, operation }, value: latency.count, metricName: `${durationName}_bucket` });
        out.push({ labels: { door, operation }, value: latency.sum, metricName: `${durationName}_sum` });
        out.push({ labels: { door, operation }, value: latency.count, metricName: `${durationName}_count` });
      });
      return out;
    };
    const histogram = { name: durationName, help: durationHelp, type: 'histogram', aggregator: 'sum',
      get: async () => ({ name: durationName, help: durationHelp, type: 'histogram', aggregator: 'sum', values: values() }) };
    for (const r of registers) r.registerMetric(histogram as unknown as Parameters<Registry['registerMetric']>[0]);
  }
}
