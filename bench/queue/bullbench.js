// The same workload as queuebench.cpp, on the Node.js bull package.
//   node bullbench.js REDIS_URL [scale]
'use strict';
const path = require('path');
const Queue = require(path.join(process.env.BULL_PEER_DIR || '.', 'node_modules', 'bull'));
const Redis = require(path.join(process.env.BULL_PEER_DIR || '.', 'node_modules', 'ioredis'));

const redisUrl = process.argv[2];
const scale = Number(process.argv[3] || 1);
let seq = 0;
const report = (metric, value) => process.stdout.write(`${metric} ${value.toFixed(3)}\n`);
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const fresh = () => new Queue(`bench-bull-${process.pid}-${++seq}`, redisUrl);

async function drop(queue) {
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`bull:${queue.name}:*`);
  for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
  redis.disconnect();
  await queue.close();
}

async function redisCpuUs() {
  const redis = new Redis(redisUrl);
  const info = await redis.info('cpu');
  redis.disconnect();
  let total = 0;
  for (const line of info.split('\n')) {
    if (line.startsWith('used_cpu_sys:') || line.startsWith('used_cpu_user:')) total += Number(line.split(':')[1]);
  }
  return total * 1e6;
}

async function enqueue(n) {
  const q = fresh();
  let t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await q.add('bench', { i }, { removeOnComplete: true });
  report('enqueue_single_jobs_per_s', n / (Number(process.hrtime.bigint() - t) / 1e9));
  t = process.hrtime.bigint();
  for (let i = 0; i < n; i += 500) {
    const batch = [];
    for (let j = i; j < Math.min(i + 500, n); j++) batch.push({ name: 'bench', data: { i: j }, opts: { removeOnComplete: true } });
    await q.addBulk(batch);
  }
  report('enqueue_bulk_jobs_per_s', n / (Number(process.hrtime.bigint() - t) / 1e9));
  await drop(q);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// `listened`: a client follows every event of the queue (PSUBSCRIBE, as the agent's dashboard
// push does), so events cost what they cost when someone listens. `runs` > 1 repeats the phase
// on fresh queues and reports the medians, as queuebench does.
async function processJobs(n, concurrency, metric, measureCpu, cpuMetric = 'redis_cpu_us_per_job', listened = false, runs = 1) {
  const rates = [];
  const cpus = [];
  for (let run = 0; run < runs; run++) {
    const q = fresh();
    const listener = listened ? new Redis(redisUrl) : null;
    if (listener) {
      listener.on('pmessage', () => {});
      await listener.psubscribe(`bull:${q.name}:*`);
    }
    for (let i = 0; i < n; i += 500) {
      const batch = [];
      for (let j = i; j < Math.min(i + 500, n); j++) batch.push({ name: 'bench', data: { i: j }, opts: { removeOnComplete: true } });
      await q.addBulk(batch);
    }
    let done = 0;
    const cpuBefore = measureCpu ? await redisCpuUs() : 0;
    const t = process.hrtime.bigint();
    await new Promise((resolve) => {
      q.process('bench', concurrency, async () => { if (++done >= n) setImmediate(resolve); });
    });
    await new Promise((r) => setTimeout(r, 50));
    rates.push(n / (Number(process.hrtime.bigint() - t) / 1e9));
    if (measureCpu) cpus.push(((await redisCpuUs()) - cpuBefore) / n);
    if (listener) listener.disconnect();
    await drop(q);
  }
  report(metric, median(rates));
  if (measureCpu) report(cpuMetric, median(cpus));
}

async function latencyRun(rate, seconds) {
  const q = fresh();
  const producer = new Queue(q.name, redisUrl);
  const toStart = [];
  const toComplete = [];
  const total = rate * seconds;
  // Complete means recorded in Redis: Bull emits 'completed' once moveToFinished has answered.
  const all = new Promise((resolve) => {
    q.on('completed', (job) => { toComplete.push(nowUs() - job.data.t); if (toComplete.length >= total) resolve(); });
    q.process('bench', 10, async (job) => { toStart.push(nowUs() - job.data.t); });
  });
  await new Promise((r) => setTimeout(r, 300));
  const start = nowUs();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1e6) / rate;
    while (nowUs() < due) await new Promise((r) => setTimeout(r, 0));
    await producer.add('bench', { t: nowUs() }, { removeOnComplete: true });
  }
  await all;
  toStart.sort((a, b) => a - b);
  toComplete.sort((a, b) => a - b);
  const out = {
    startP50: toStart[Math.floor(toStart.length / 2)] / 1000,
    startP99: toStart[Math.floor((toStart.length * 99) / 100)] / 1000,
    completeP50: toComplete[Math.floor(toComplete.length / 2)] / 1000,
    completeP99: toComplete[Math.floor((toComplete.length * 99) / 100)] / 1000,
  };
  await producer.close();
  await drop(q);
  return out;
}

// Medians over `runs` phases on fresh queues, as queuebench does.
async function latency(rate, seconds, runs) {
  const all = [];
  for (let run = 0; run < runs; run++) {
    const l = await latencyRun(rate, seconds);
    all.push(l);
    if (process.env.XEROSYNC_BENCH_STATS) console.error(`# latency run ${run + 1}: add-to-start p50 ${l.startP50.toFixed(3)} p99 ${l.startP99.toFixed(3)} ms`);
  }
  report('add_to_start_p50_ms', median(all.map((l) => l.startP50)));
  report('add_to_start_p99_ms', median(all.map((l) => l.startP99)));
  report('add_to_complete_p50_ms', median(all.map((l) => l.completeP50)));
  report('add_to_complete_p99_ms', median(all.map((l) => l.completeP99)));
}

async function priorityBacklog(backlog, inserts) {
  const q = fresh();
  for (let i = 0; i < backlog; i += 1000) {
    const batch = [];
    for (let j = i; j < Math.min(i + 1000, backlog); j++) batch.push({ name: 'bench', data: j });
    await q.addBulk(batch);
  }
  const t = process.hrtime.bigint();
  for (let i = 0; i < inserts; i++) await q.add('bench', i, { priority: 1 + (i % 10) });
  report('priority_insert_100k_backlog_ms', Number(process.hrtime.bigint() - t) / 1e6 / inserts);
  await drop(q);
}

// XEROSYNC_BENCH_ONLY=c10,latency runs only the phases named, as queuebench does.
const only = (process.env.XEROSYNC_BENCH_ONLY || '').split(',').filter(Boolean);
const wanted = (phase) => only.length === 0 || only.includes(phase);

(async () => {
  const n = Math.floor(5000 * scale);
  if (wanted('enqueue')) await enqueue(n);
  if (wanted('c1')) await processJobs(Math.floor(2000 * scale), 1, 'process_c1_jobs_per_s', false);
  if (wanted('c10')) await processJobs(n, 10, 'process_c10_jobs_per_s', true, 'redis_cpu_us_per_job', false, 3);
  if (wanted('c10listened')) await processJobs(n, 10, 'process_c10_listened_jobs_per_s', true, 'redis_cpu_us_per_job_listened', true, 3);
  if (wanted('c50')) await processJobs(n, 50, 'process_c50_jobs_per_s', false);
  if (wanted('latency')) await latency(500, Math.max(2, Math.floor(6 * scale)), 3);
  if (wanted('priority')) await priorityBacklog(Math.floor(100000 * Math.min(scale, 1)), 200);
  report('worker_peak_rss_mb', process.resourceUsage().maxRSS / 1024);
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
