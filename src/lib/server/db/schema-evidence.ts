// The tables of evidence files and, on PostgreSQL installs, their content (src/lib/server/evidence).
import type { CreatedAt } from './columns';
import type { Generated } from 'kysely';

export interface EvidenceFileTable {
	id: Generated<number>;
	assessment_id: number;
	criterion_id: number;
	sha256: string;
	file_name: string;
	media_type: string;
	size_bytes: number;
	uploaded_by: number;
	uploaded_at: CreatedAt;
}

/** Evidence content held by the database (PostgreSQL installs), by SHA-256, in chunks. */
export interface EvidenceContentTable {
	sha256: string;
	size_bytes: number;
	chunk_count: number;
	created_at: CreatedAt;
}

export interface EvidenceChunkTable {
	sha256: string;
	position: number;
	bytes: Uint8Array;
}
