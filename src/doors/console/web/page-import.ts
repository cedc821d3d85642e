// Import (issue 21): a PSKC or OATH CSV file, uploaded with a progress bar, then imported by the
// server with a second one (done of total, rate, ETA) and one summary: imported, skipped, refused rows.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { get, upload } from './api.js';
import { Field, Notice, useAction } from './ui.js';

interface Problem { line: number; serial?: string; reason: string }
interface Job {
  id: string; format: string; state: 'running' | 'done' | 'failed'; done: number; total: number | null; rate: number | null; etaS: number | null;
  summary: { imported: number; skipped: number; failed: number; problems: Problem[]; unlisted?: number } | null; message: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function Summary({ job }: { job: Job }) {
  const s = job.summary;
  if (!s) return html`<p class="notice error" role="alert">The import failed: ${job.message}</p>`;
  return html`<div class="card" role="status"><p><strong>${s.imported}</strong> imported, <strong>${s.skipped}</strong> skipped (serial exists), <strong>${s.failed}</strong> refused.</p>
    ${s.problems.length > 0 && html`<ul class="problems">${s.problems.map((p) => html`<li>${p.line > 0 ? `line ${p.line}` : ''}${p.serial ? ` ${p.serial}` : ''}: ${p.reason}</li>`)}</ul>`}
    ${s.unlisted ? html`<p>${s.unlisted} more problems not listed.</p>` : ''}</div>`;
}

export function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState('auto');
  const [password, setPassword] = useState('');
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const { busy, note, run } = useAction();
  const start = (e: Event) => {
    e.preventDefault();
    if (!file) return;
    const fmt = format !== 'auto' ? format : /\.(xml|pskc|pskcxml)$/i.test(file.name) ? 'pskc' : 'csv';
    void run(async () => {
      setJob(null);
      let j = await upload<Job>(`/imports?format=${fmt}`, file, password ? { 'X-Pskc-Password': password } : {}, (s, t) => setSent({ sent: s, total: t }));
      setJob(j);
      while (j.state === 'running') { await sleep(300); j = await get<Job>(`/imports/${j.id}`); setJob(j); }
    });
  };
  return html`<h1 tabindex="-1">Import authenticators</h1>
    <form class="card" aria-label="Import a file" onSubmit=${start}>
      <div class="field"><label for="file">PSKC (.xml) or OATH CSV file</label>
        <input id="file" type="file" accept=".xml,.pskc,.csv,.txt" required onChange=${(e: Event) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} /></div>
      <div class="field"><label for="format">Format</label>
        <select id="format" value=${format} onChange=${(e: Event) => setFormat((e.currentTarget as HTMLSelectElement).value)}>
          <option value="auto">from the file name</option><option value="pskc">PSKC</option><option value="csv">OATH CSV</option></select></div>
      <${Field} label="PSKC password (encrypted files only)" type="password" value=${password} onInput=${setPassword} autocomplete="off" />
      <button type="submit" disabled=${busy || !file}>Import</button>
    </form>
    ${sent && html`<div class="field"><label for="up">Upload</label><progress id="up" max=${sent.total || 1} value=${sent.sent}></progress></div>`}
    ${job && html`<div class="field"><label for="imp">Import ${job.state === 'running' ? '(running)' : `(${job.state})`}</label>
      <progress id="imp" max=${job.total ?? 1} value=${job.state === 'done' ? job.total ?? 1 : job.done}></progress>
      <small>${job.done}${job.total !== null ? ` of ${job.total}` : ''}${job.rate ? ` · ${job.rate}/s` : ''}${job.etaS !== null ? ` · about ${job.etaS} s left` : ''}</small></div>`}
    <${Notice} note=${note} />
    ${job && job.state !== 'running' && html`<${Summary} job=${job} />`}`;
}
