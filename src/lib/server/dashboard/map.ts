// The district map: boundaries projected to SVG paths on the server with d3-geo, so the map is in
// the HTML (readable without JavaScript, printable, each district or area a titled shape) rather
// than on a canvas. Boundaries are static reference data, projected once per process; an area
// drawn with several districts (the former Vinh area: Vinh and Cửa Lò) is one shape of them all.
import { geoArea, geoMercator, geoPath, type GeoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import type { DistrictMap, MapShape } from '../../types/dashboard';
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

interface Projected {
	width: number;
	height: number;
	path: GeoPath;
	features: Shape[];
}

function project(collection: FeatureCollection<Polygon | MultiPolygon>): Projected {
	const features = collection.features.map((feature) => rewound(feature as Shape));
	const fitted = { type: 'FeatureCollection', features } as FeatureCollection;
	// Fitted to the width inside a margin (labels of shapes on the edge stay whole); the height is
	// the shapes' bottom edge plus the margin.
	const projection = geoMercator().fitWidth(WIDTH - 2 * MARGIN, fitted);
	const [x, y] = projection.translate();
	projection.translate([x + MARGIN, y + MARGIN]);
	const path = geoPath(projection);
	const height = Math.ceil(path.bounds(fitted)[1][1] + MARGIN);
	return { width: WIDTH, height, path, features };
}

/** One shape of several features (an area drawn with two former districts): all their polygons. */
function joined(features: Shape[]): Feature<MultiPolygon> {
	const polygons = features.flatMap((feature) =>
		feature.geometry.type === 'Polygon'
			? [feature.geometry.coordinates]
			: feature.geometry.coordinates
	);
	return {
		type: 'Feature',
		properties: {},
		geometry: { type: 'MultiPolygon', coordinates: polygons }
	};
}

function drawn(path: GeoPath, feature: Feature, shape: Omit<MapShape, 'd' | 'x' | 'y'>): MapShape {
	const [x, y] = path.centroid(feature);
	return {
		...shape,
		d: path(feature) ?? '',
		x: Math.round(x * 10) / 10,
		y: Math.round(y * 10) / 10
	};
}

let projected: Projected | null = null;

/**
 * The map of a dashboard's groups, each drawn with the boundary features its `mapCodes` name (an
 * area of the former districts may join two), the features no group uses left as they are. Null
 * when boundaries are known for fewer than half the groups that have any.
 */
export function districtMap(
	groups: { code: string; name: string; mapCodes: string[] | null }[]
): DistrictMap | null {
	projected ??= project(boundaries as FeatureCollection<Polygon | MultiPolygon>);
	const { path, features } = projected;
	const byCode = new Map(features.map((feature) => [feature.properties.code, feature]));
	const mapped = groups.filter((group) => (group.mapCodes ?? []).length > 0);
	const drawnGroups = mapped
		.map((group) => ({ group, parts: group.mapCodes!.flatMap((code) => byCode.get(code) ?? []) }))
		.filter(({ parts }) => parts.length > 0);
	if (drawnGroups.length === 0 || drawnGroups.length < mapped.length / 2) return null;
	const used = new Set(drawnGroups.flatMap(({ parts }) => parts));
	return {
		width: projected.width,
		height: projected.height,
		shapes: [
			...features
				.filter((feature) => !used.has(feature))
				.map((feature) =>
					drawn(path, feature, {
						code: feature.properties.code,
						name: feature.properties.name,
						grouped: false
					})
				),
			...drawnGroups.map(({ group, parts }) =>
				drawn(path, parts.length === 1 ? parts[0] : joined(parts), {
					code: group.code,
					name: group.name,
					grouped: true
				})
			)
		]
	};
}
