import { formatDuration as formatSeconds } from '@herald/discord/text';
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { LatencyBinSeconds, type Activity } from '../data/activity.js';
import { formatCount, formatDuration } from './format.js';
import { html, type SafeHtml } from './html.js';

/**
 * The dashboard's charts as inline SVG built on the server: no script, no request to anyone, and
 * readable by screen readers (each has a title and a description, and its numbers as a table).
 * d3-scale and d3-shape do the arithmetic (band and linear scales, "nice" ticks, the line path);
 * the markup is ours because the charting libraries that draw it (Observable Plot, Vega, Chartist)
 * need a DOM or a canvas, or bring megabytes for four small charts.
 */
export interface Series {
  name: string;
  /** A CSS class of the layout's stylesheet (the colour). */
  css: string;
  values: Array<number | null>;
}

export interface ChartSpec {
  id: string;
  title: string;
  description: string;
  labels: string[];
  /** Label every n-th category on the x axis. */
  labelEvery: number;
  series: Series[];
  kind: 'bars' | 'lines';
  format: (v: number) => string;
}

/** Coordinates to 0.1 px: shorter markup, no visible difference. */
const px = (v: number) => Math.round(v * 10) / 10;

const width = 640;
const height = 170;
const margin = { top: 10, right: 10, bottom: 22, left: 54 };

function yAxis(y: ReturnType<typeof scaleLinear<number, number>>, format: (v: number) => string): SafeHtml[] {
  return y.ticks(4).map(
    (t) =>
      html`<g class="tick"><line x1="${margin.left}" x2="${width - margin.right}" y1="${px(y(t))}" y2="${px(y(t))}"></line><text x="${margin.left - 4}" y="${px(y(t) + 4)}" text-anchor="end">${format(t)}</text></g>`,
  );
}

/** One chart; values may be negative (karma): the y axis then spans below 0 and bars hang from 0. */
export function svgChart(spec: ChartSpec): SafeHtml {
  const all = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const y = scaleLinear([Math.min(0, ...all), Math.max(1, ...all)], [height - margin.bottom, margin.top]).nice(4);
  const x = scaleBand(spec.labels.map((_, i) => String(i)), [margin.left, width - margin.right]).padding(0.15);
  const xLabels = spec.labels.map((label, i) =>
    i % spec.labelEvery === 0 ? html`<text x="${px(x(String(i))! + x.bandwidth() / 2)}" y="${height - 6}" text-anchor="middle">${label}</text>` : '',
  );
  let marks: SafeHtml[];
  if (spec.kind === 'bars') {
    const inner = scaleBand(spec.series.map((s) => s.name), [0, x.bandwidth()]).padding(0.05);
    marks = spec.series.flatMap((s) =>
      s.values.map((v, i) => {
        if (v === null || v === 0) return html``;
        const top = Math.min(y(v), y(0));
        return html`<rect class="${s.css}" x="${px(x(String(i))! + inner(s.name)!)}" y="${px(top)}" width="${px(inner.bandwidth())}" height="${px(Math.abs(y(v) - y(0)))}"><title>${spec.labels[i]}: ${s.name} ${spec.format(v)}</title></rect>`;
      }),
    );
  } else {
    const centre = (i: number) => px(x(String(i))! + x.bandwidth() / 2);
    marks = spec.series.map((s) => {
      const path = line<number | null>()
        .defined((v) => v !== null)
        .x((_, i) => centre(i))
        .y((v) => px(y(v ?? 0)))(s.values);
      const dots = s.values.map((v, i) =>
        v === null ? '' : html`<circle class="${s.css}" cx="${centre(i)}" cy="${px(y(v))}" r="2.5"><title>${spec.labels[i]}: ${s.name} ${spec.format(v)}</title></circle>`,
      );
      return html`<path class="line ${s.css}" d="${path ?? ''}"></path>${dots}`;
    });
  }
  const legend = spec.series.map((s) => html`<span class="key"><span class="swatch ${s.css}"></span>${s.name}</span>`);
  return html`<figure class="chart" id="${spec.id}">
<figcaption>${spec.title} ${legend}</figcaption>
<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${spec.id}-title ${spec.id}-desc" preserveAspectRatio="none">
<title id="${spec.id}-title">${spec.title}</title><desc id="${spec.id}-desc">${spec.description}</desc>
${yAxis(y, spec.format)}${marks}${xLabels}</svg>
${numbersTable(spec)}</figure>`;
}

/** The chart's numbers as text, folded away. */
function numbersTable(spec: ChartSpec): SafeHtml {
  return html`<details><summary>Numbers</summary><table class="numbers"><tr><th></th>${spec.series.map((s) => html`<th>${s.name}</th>`)}</tr>
${spec.labels.map((label, i) => html`<tr><td>${label}</td>${spec.series.map((s) => html`<td>${s.values[i] === null ? '—' : spec.format(s.values[i]!)}</td>`)}</tr>`)}</table></details>`;
}

const hourLabel = (d: Date) => `${d.toISOString().slice(11, 13)}h`;
const dayLabel = (d: Date) => d.toISOString().slice(5, 10);
/** Latencies: `250 ms`, `1.5 s`, `40 s`, `2 min`. */
const seconds = (v: number) => formatSeconds(v, { precise: true });

/** Rendered once per Activity (the reader reuses one for a few seconds across requests). */
const rendered = new WeakMap<Activity, SafeHtml>();

export function activityCharts(activity: Activity): SafeHtml {
  let charts = rendered.get(activity);
  if (!charts) {
    charts = renderCharts(activity);
    rendered.set(activity, charts);
  }
  return charts;
}

/** Events recorded and deliveries made per bucket (hour or day), as bars. */
function countsChart(
  id: string,
  title: string,
  when: string,
  buckets: ReadonlyArray<{ start: Date; events: number; delivered: number }>,
  label: (start: Date) => string,
  labelEvery: number,
): SafeHtml {
  return svgChart({
    id,
    title,
    description: `Events recorded and deliveries made to Discord ${when}.`,
    labels: buckets.map((b) => label(b.start)),
    labelEvery,
    kind: 'bars',
    series: [
      { name: 'events', css: 's-events', values: buckets.map((b) => b.events) },
      { name: 'delivered', css: 's-delivered', values: buckets.map((b) => b.delivered) },
    ],
    format: formatCount,
  });
}

function renderCharts(activity: Activity): SafeHtml {
  const hours = activity.hours;
  const latencyTotal = LatencyBinSeconds.length + 1;
  const binTotals = Array.from({ length: latencyTotal }, (_, i) => hours.reduce((n, h) => n + (h.latencyBins[i] ?? 0), 0));
  const binLabels = [...LatencyBinSeconds.map((b, i) => `${i === 0 ? '<' : `${formatDuration(LatencyBinSeconds[i - 1])}–`}${formatDuration(b)}`), `≥${formatDuration(LatencyBinSeconds.at(-1))}`];
  return html`<section class="charts" aria-label="Charts">
${countsChart('chart-hours', 'Last 24 hours, per hour (UTC)', 'in each of the last 24 hours; the last hour is still running', hours, hourLabel, 3)}
${countsChart('chart-days', 'Last 30 days, per day (UTC)', 'on each of the last 30 days; today is still running', activity.days, dayLabel, 5)}
${svgChart({
  id: 'chart-latency',
  title: 'Delivery latency, last 24 hours (recorded → delivered)',
  description: 'The median (p50) and 99th percentile (p99) of the time from an event being recorded to its delivery to Discord, per hour; hours without deliveries have no point.',
  labels: hours.map((h) => hourLabel(h.start)),
  labelEvery: 3,
  kind: 'lines',
  series: [
    { name: 'p50', css: 's-p50', values: hours.map((h) => h.p50) },
    { name: 'p99', css: 's-p99', values: hours.map((h) => h.p99) },
  ],
  format: seconds,
})}
${svgChart({
  id: 'chart-latency-bins',
  title: 'Delivery latency distribution, last 24 hours',
  description: 'How many deliveries of the last 24 hours took each span of time from being recorded to reaching Discord.',
  labels: binLabels,
  labelEvery: 1,
  kind: 'bars',
  series: [{ name: 'deliveries', css: 's-delivered', values: binTotals }],
  format: formatCount,
})}
</section>`;
}
