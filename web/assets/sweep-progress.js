// Progressive enhancement of the dashboard's sweep progress: polls the sweep's JSON status and
// rewrites the progress text until the sweep has finished. Without JavaScript, the page's
// "Refresh progress" link does the same. Words as in functions/app/routes/sweep-progress-view.ts.
const box = document.querySelector('[data-sweep-id]');
const n = (value) => value.toLocaleString('en-GB');
const plural = (count, one, many) => `${n(count)} ${count === 1 ? one : many}`;

function describe(run) {
  const stats = run.stats ?? {};
  const checked = plural(stats.organisations ?? 0, 'organisation', 'organisations');
  const parts = run.progress
    ? `${n(run.progress.partsDone)} of ${n(run.progress.partsTotal)} parts of the register swept`
    : undefined;
  if (run.status === 'requested') return 'Waiting to start.';
  if (run.status === 'running') return `Running: ${parts ? `${parts}, ` : ''}${checked} checked so far.`;
  if (run.status === 'failed') return `The sweep failed: ${run.error ?? 'unknown error'}. Run it again.`;
  return `Finished: ${checked} checked; ${plural(stats.missingRaised ?? 0, 'missing statement', 'missing statements')} and ${plural(stats.lateRaised ?? 0, 'late statement', 'late statements')} flagged; ${plural(stats.remindersQueued ?? 0, 'reminder', 'reminders')} queued.`;
}

if (box && box.dataset.sweepFinished !== 'true') {
  const text = box.querySelector('[data-sweep-text]');
  const refresh = box.querySelector('[data-sweep-refresh]');
  const interval = Number(box.dataset.sweepInterval) || 2000;
  const poll = async () => {
    try {
      const answer = await fetch(`/api/v1/sweeps/${encodeURIComponent(box.dataset.sweepId)}`, {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (answer.ok) {
        const run = await answer.json();
        const words = describe(run);
        if (text.textContent !== words) text.textContent = words;
        if (run.status === 'done' || run.status === 'failed') {
          box.dataset.sweepFinished = 'true';
          if (refresh) refresh.textContent = 'Refresh the figures';
          return;
        }
      }
    } catch {
      // A dropped poll is retried on the next tick; the refresh link still works.
    }
    setTimeout(poll, interval);
  };
  setTimeout(poll, interval);
}
