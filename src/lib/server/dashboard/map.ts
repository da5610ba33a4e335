// The district map: boundaries projected to SVG paths on the server with d3-geo, so the map is in
// the HTML (readable without JavaScript, printable, each district a titled shape) rather than on a
// canvas. Boundaries are static reference data, projected once per process.
import { geoArea, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import type { DistrictMap } from '../../types/dashboard';
import boundaries from './data/districts-2023.geo.json';

type Shape = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

const WIDTH = 600;
const MARGIN = 18;

/** d3-geo reads a ring the other way round from RFC 7946: a shape covering more than half the
 * globe was wound for the standard, so every ring is reversed. */
function rewound(feature: Shape): Shape {
	if (geoArea(feature) <= 2 * Math.PI) return feature;
	const reverse = (rings: number[][][]) => rings.map((ring) => [...ring].reverse());
	const geometry =
		feature.geometry.type === 'Polygon'
			? { ...feature.geometry, coordinates: reverse(feature.geometry.coordinates) }
			: { ...feature.geometry, coordinates: feature.geometry.coordinates.map(reverse) };
	return { ...feature, geometry };
}

function project(collection: FeatureCollection<Polygon | MultiPolygon>): DistrictMap {
	const features = collection.features.map((feature) => rewound(feature as Shape));
	const fitted = { type: 'FeatureCollection', features } as FeatureCollection;
	// Fitted to the width inside a margin (labels of shapes on the edge stay whole); the height is
	// the shapes' bottom edge plus the margin.
	const projection = geoMercator().fitWidth(WIDTH - 2 * MARGIN, fitted);
	const [x, y] = projection.translate();
	projection.translate([x + MARGIN, y + MARGIN]);
	const path = geoPath(projection);
	const height = Math.ceil(path.bounds(fitted)[1][1] + MARGIN);
	return {
		width: WIDTH,
		height,
		shapes: features.map((feature) => {
			const [x, y] = path.centroid(feature);
			return {
				code: feature.properties.code,
				name: feature.properties.name,
				d: path(feature) ?? '',
				x: Math.round(x * 10) / 10,
				y: Math.round(y * 10) / 10
			};
		})
	};
}

let projected: DistrictMap | null = null;

/** The map of the given units, when boundaries are known for most of them; null otherwise. */
export function districtMap(codes: string[]): DistrictMap | null {
	projected ??= project(boundaries as FeatureCollection<Polygon | MultiPolygon>);
	const known = new Set(projected.shapes.map((shape) => shape.code));
	const covered = codes.filter((code) => known.has(code)).length;
	return covered > 0 && covered >= codes.length / 2 ? projected : null;
}
