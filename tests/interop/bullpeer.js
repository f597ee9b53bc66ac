// The Node.js side of xerosync's Bull v4 interop tests: the real `bull` package driving the same
// Redis keys as our C++ queue. Prints one JSON line; exit code 1 on failure.
//   node bullpeer.js REDIS_URL QUEUE COMMAND [ARGS...]
'use strict';
const Queue = require('bull');

const [redisUrl, queueName, command, ...args] = process.argv.slice(2);
const queue = new Queue(queueName, redisUrl);

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

async function describe(id) {
  const job = await queue.getJob(id);
  if (!job) return { id, missing: true };
  return {
    id: String(job.id), name: job.name, data: job.data, opts: job.opts, progress: job.progress(),
    attemptsMade: job.attemptsMade, failedReason: job.failedReason, stacktrace: job.stacktrace,
    returnvalue: job.returnvalue, timestamp: job.timestamp, processedOn: job.processedOn,
    finishedOn: job.finishedOn, state: await job.getState(),
  };
}

const commands = {
  // Adds N jobs, then waits for each to finish (job.finished(): global events + polling).
  async produce(n) {
    const jobs = [];
    for (let i = 0; i < Number(n); i++) {
      const opts = { attempts: 2, backoff: { type: 'fixed', delay: 100 } };
      if (i % 3 === 0) opts.priority = 1;
      jobs.push(await queue.add('sync-timesheet', { n: i, from: 'node' }, opts));
    }
    const results = await withTimeout(Promise.all(jobs.map((j) => j.finished())), 30000, 'jobs to finish');
    return { ids: jobs.map((j) => String(j.id)), results };
  },
  // Adds without waiting.
  async add(name, dataJson, optsJson) {
    const job = await queue.add(name, JSON.parse(dataJson), JSON.parse(optsJson || '{}'));
    return { id: String(job.id) };
  },
  // Processes N jobs with a Node worker, echoing the data back.
  async consume(n) {
    const processed = [];
    const done = new Promise((resolve) => {
      queue.on('completed', (job) => { processed.push(String(job.id)); if (processed.length >= Number(n)) resolve(); });
    });
    queue.process('*', 2, async (job) => {
      await job.progress(100);
      return { echo: job.data, by: 'node' };
    });
    await withTimeout(done, 30000, 'node worker to finish');
    return { processed };
  },
  async inspect(...ids) {
    return {
      counts: await queue.getJobCounts(),
      paused: await queue.isPaused(),
      workers: (await queue.getWorkers()).length,
      jobs: await Promise.all(ids.map(describe)),
    };
  },
  async pause() { await queue.pause(); return { paused: await queue.isPaused() }; },
  async resume() { await queue.resume(); return { paused: await queue.isPaused() }; },
  async 'retry-jobs'() { await queue.retryJobs({ count: 1000 }); return { counts: await queue.getJobCounts() }; },
  async 'job-retry'(id) { const job = await queue.getJob(id); await job.retry(); return { state: await job.getState() }; },
  async clean(grace, state) { const removed = await queue.clean(Number(grace), state); return { removed: removed.map((j) => String(j.id || j)) }; },
  async logs(id) { return await queue.getJobLogs(id); },
  async metrics(type) { const m = await queue.getMetrics(type); return { total: m.meta.count, points: m.count, data: m.data }; },
};

(async () => {
  const fn = commands[command];
  if (!fn) throw new Error(`unknown command ${command}`);
  const result = await fn(...args);
  process.stdout.write(JSON.stringify(result) + '\n');
  await queue.close();
  process.exit(0);
})().catch(async (err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exit(1);
});
