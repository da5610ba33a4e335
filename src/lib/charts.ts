// Chart.js configurations the dashboards share, in the palette of `palette.ts`.
import type { ChartConfiguration, ScaleOptions } from 'chart.js';
import { PACE_COLOURS, ROADMAP_COLOUR } from './palette';

/** A chart's figures as a table, under the chart on request and open in print. */
export interface ChartTable {
	columns: { label: string; numeric?: boolean }[];
	/** Each row's first cell names it (the row's header); `key` is unique among the rows. */
	rows: { key: string; cells: string[] }[];
}

interface Series {
	label: string;
	data: (number | null)[];
}

/**
 * A measured series (solid, with points; gaps where nothing was measured) against the line it is
 * held to (dashed): the recognised share against the roadmap, a score against the minimum.
 */
export function lineAgainstReference({
	labels,
	actual,
	reference,
	y,
	format
}: {
	labels: string[];
	actual: Series;
	reference: Series;
	y: ScaleOptions<'linear'>;
	/** How the tooltip writes a value; Chart.js's default otherwise. */
	format?: (value: number) => string;
}): ChartConfiguration<'line'> {
	return {
		type: 'line',
		data: {
			labels,
			datasets: [
				{
					...actual,
					borderColor: PACE_COLOURS.on_track,
					backgroundColor: PACE_COLOURS.on_track,
					borderWidth: 3,
					pointRadius: 3
				},
				{
					...reference,
					borderColor: ROADMAP_COLOUR,
					backgroundColor: ROADMAP_COLOUR,
					borderDash: [6, 4],
					borderWidth: 2,
					pointRadius: 0,
					pointStyle: 'line'
				}
			]
		},
		options: {
			interaction: { mode: 'index', intersect: false },
			scales: { y, x: { ticks: { autoSkip: true, autoSkipPadding: 16, maxRotation: 0 } } },
			plugins: {
				legend: { labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8 } },
				tooltip: format && {
					callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.raw))}` }
				}
			}
		}
	};
}
