// Chart.js with only what the dashboards draw (the configurations in charts.ts and the chart
// components): bar and line charts on a category and a linear axis, with their legend and
// tooltips. Chart.svelte loads this module with the first chart, so a page without one never
// fetches Chart.js.
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
} from 'chart.js';

Chart.register(
	BarController,
	BarElement,
	LineController,
	LineElement,
	PointElement,
	CategoryScale,
	LinearScale,
	Legend,
	Tooltip
);

export { Chart };
